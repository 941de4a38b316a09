import type {
  Body,
  Page,
  PriceBook,
  PriceBookEntriesInput,
  PriceBookEntry,
  PriceBookInput,
  Product,
  ProductCategory,
  ProductCategoryInput,
  ProductInput,
  ProductPatch,
  ProductQuery,
  QueryOf,
  ResolvedPrice,
} from '@relate/common';
import { api, download } from '../../app/api';

/** The filters of the product list; `deleted` lists the products in the recycle bin instead. */
export type ProductFilters = QueryOf<typeof ProductQuery> & { deleted?: boolean };

export const productCategoriesApi = {
  list: () => api.get<ProductCategory[]>('/api/v1/product-categories'),
  create: (body: Body<typeof ProductCategoryInput>) => api.post<ProductCategory>('/api/v1/product-categories', body),
  update: (id: number, body: Partial<Body<typeof ProductCategoryInput>>) =>
    api.patch<ProductCategory>(`/api/v1/product-categories/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/product-categories/${id}`),
};

export const productsApi = {
  list: ({ deleted, ...query }: ProductFilters) =>
    api.get<Page<Product>>('/api/v1/products', { ...query, deleted: deleted ? 'true' : undefined }),
  create: (body: Body<typeof ProductInput>) => api.post<Product>('/api/v1/products', body),
  update: (id: number, body: Body<typeof ProductPatch>) => api.patch<Product>(`/api/v1/products/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/products/${id}`),
  restore: (id: number) => api.post<Product>(`/api/v1/products/${id}/restore`),
  /** Downloads the products matching the filters as a spreadsheet. */
  export: (query: Pick<ProductFilters, 'q' | 'categoryId' | 'status'>, format: 'xlsx' | 'csv') =>
    download('/api/v1/exports/products', { ...query, format }),
};

export const priceBooksApi = {
  list: () => api.get<PriceBook[]>('/api/v1/price-books'),
  create: (body: Body<typeof PriceBookInput>) => api.post<PriceBook>('/api/v1/price-books', body),
  update: (id: number, body: Body<typeof PriceBookInput>) => api.put<PriceBook>(`/api/v1/price-books/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/price-books/${id}`),
  entries: (id: number) => api.get<PriceBookEntry[]>(`/api/v1/price-books/${id}/entries`),
  setEntries: (id: number, body: Body<typeof PriceBookEntriesInput>) =>
    api.put<PriceBookEntry[]>(`/api/v1/price-books/${id}/entries`, body),
};

export const pricesApi = {
  /** The prices a customer is offered for these products today, and the price books they come from. */
  forCustomer: (customerId: number, productIds: number[]) =>
    api.get<ResolvedPrice[]>('/api/v1/prices', { customerId, productId: productIds.join(',') }),
};
