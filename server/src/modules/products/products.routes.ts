import {
  IdParams,
  pageOf,
  PriceBook,
  PriceBookEntriesInput,
  PriceBookEntry,
  PriceBookInput,
  PriceQuery,
  Product,
  ProductCategory,
  ProductCategoryInput,
  ProductInput,
  ProductPatch,
  ProductQuery,
  ResolvedPrice,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as categories from './categories.service.ts';
import * as pricebooks from './pricebooks.service.ts';
import * as products from './products.service.ts';

export function productsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'products';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/product-categories',
      access: 'products.view',
      tag,
      summary: 'Product lines and series as a flat list with parents',
      response: z.array(ProductCategory),
    },
    async () => categories.listCategories(ctx),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/product-categories',
      access: 'products.edit',
      tag,
      summary: 'Create a product category',
      body: ProductCategoryInput,
      response: ProductCategory,
      status: 201,
    },
    async ({ actor, body }) => categories.createCategory(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/product-categories/:id',
      access: 'products.edit',
      tag,
      summary: 'Rename or move a product category',
      params: IdParams,
      body: ProductCategoryInput.partial(),
      response: ProductCategory,
    },
    async ({ actor, params, body }) => categories.updateCategory(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/product-categories/:id',
      access: 'products.edit',
      tag,
      summary: 'Delete an empty product category',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => categories.deleteCategory(ctx, actor, params.id),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/products',
      reads: 'replica',
      access: 'products.view',
      tag,
      summary: 'Products, filtered by category (and below), status or text; `deleted=true` lists deleted ones',
      query: ProductQuery.extend({ deleted: z.stringbool().optional() }),
      response: pageOf(Product),
    },
    async ({ query }) => products.listProducts(ctx, query),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/products/:id',
      access: 'products.view',
      tag,
      summary: 'One product',
      params: IdParams,
      response: Product,
    },
    async ({ params }) => products.getProduct(ctx, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/products',
      access: 'products.create',
      tag,
      summary: 'Create a product',
      body: ProductInput,
      response: Product,
      status: 201,
    },
    async ({ actor, body }) => products.createProduct(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/products/:id',
      access: 'products.edit',
      tag,
      summary: 'Change a product',
      params: IdParams,
      body: ProductPatch,
      response: Product,
    },
    async ({ actor, params, body }) => products.updateProduct(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/products/:id',
      access: 'products.delete',
      tag,
      summary: 'Delete a product (restorable)',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => products.deleteProduct(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/products/:id/restore',
      access: 'products.delete',
      tag,
      summary: 'Bring back a deleted product',
      params: IdParams,
      response: Product,
    },
    async ({ actor, params }) => products.restoreProduct(ctx, actor, params.id),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/price-books',
      access: 'products.view',
      tag,
      summary: 'Price books',
      response: z.array(PriceBook),
    },
    async () => pricebooks.listPriceBooks(ctx),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/price-books/:id',
      access: 'products.view',
      tag,
      summary: 'One price book',
      params: IdParams,
      response: PriceBook,
    },
    async ({ params }) => pricebooks.getPriceBook(ctx, params.id),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/price-books',
      access: 'pricebooks.manage',
      tag,
      summary: 'Create a price book',
      body: PriceBookInput,
      response: PriceBook,
      status: 201,
    },
    async ({ actor, body }) => pricebooks.createPriceBook(ctx, actor, body),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/price-books/:id',
      access: 'pricebooks.manage',
      tag,
      summary: 'Change a price book',
      params: IdParams,
      body: PriceBookInput,
      response: PriceBook,
    },
    async ({ actor, params, body }) => pricebooks.updatePriceBook(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/price-books/:id',
      access: 'pricebooks.manage',
      tag,
      summary: 'Delete a price book and its prices',
      params: IdParams,
      status: 204,
    },
    async ({ actor, params }) => pricebooks.deletePriceBook(ctx, actor, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/price-books/:id/entries',
      access: 'products.view',
      tag,
      summary: 'The prices of a price book',
      params: IdParams,
      response: z.array(PriceBookEntry),
    },
    async ({ params }) => pricebooks.listEntries(ctx, params.id),
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/price-books/:id/entries',
      access: 'pricebooks.manage',
      tag,
      summary: 'Set or remove prices in a price book',
      params: IdParams,
      body: PriceBookEntriesInput,
      response: z.array(PriceBookEntry),
    },
    async ({ actor, params, body }) => pricebooks.setEntries(ctx, actor, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/prices',
      access: 'products.view',
      tag,
      summary: 'The price a customer is offered for products today (or on `date`)',
      query: PriceQuery,
      response: z.array(ResolvedPrice),
    },
    async ({ actor, query }) => pricebooks.resolvePrices(ctx, actor, query),
  );
}
