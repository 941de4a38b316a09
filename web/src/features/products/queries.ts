import type {
  Body,
  PriceBookEntriesInput,
  PriceBookInput,
  ProductCategory,
  ProductCategoryInput,
  ProductInput,
} from '@relate/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { keysFor, useRefresh } from '../../app/query-keys';
import { priceBooksApi, pricesApi, productCategoriesApi, type ProductFilters, productsApi } from './api';

export type { ProductFilters } from './api';

export const productCategoryKeys = keysFor('product-categories');
export const productKeys = keysFor('products');
export const priceBookKeys = {
  ...keysFor('price-books'),
  entries: (id: number) => keysFor('price-books').part('entries', id),
  /** What a customer pays for a product: price books decide it, so it is refreshed with them. */
  price: (customerId: number, productId: number) => keysFor('price-books').part('price', customerId, productId),
};

export function useProductCategories() {
  return useQuery({ queryKey: productCategoryKeys.all, queryFn: productCategoriesApi.list });
}

export function useSaveProductCategory() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof ProductCategoryInput> }) =>
      id ? productCategoriesApi.update(id, body) : productCategoriesApi.create(body),
    onSuccess: () => refresh('product-categories'),
  });
}

export function useDeleteProductCategory() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: productCategoriesApi.remove, onSuccess: () => refresh('product-categories') });
}

export function useProducts(filters: ProductFilters) {
  return useQuery({
    queryKey: productKeys.list(filters),
    queryFn: () => productsApi.list(filters),
    placeholderData: keepPreviousData,
  });
}

export function useSaveProduct() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof ProductInput> }) =>
      id ? productsApi.update(id, body) : productsApi.create(body),
    onSuccess: () => refresh('products'),
  });
}

export function useDeleteProduct() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: productsApi.remove, onSuccess: () => refresh('products') });
}

export function useRestoreProduct() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: productsApi.restore, onSuccess: () => refresh('products') });
}

export function usePriceBooks() {
  return useQuery({ queryKey: priceBookKeys.all, queryFn: priceBooksApi.list });
}

export function usePriceBookEntries(id: number) {
  return useQuery({ queryKey: priceBookKeys.entries(id), queryFn: () => priceBooksApi.entries(id) });
}

export function useSavePriceBook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof PriceBookInput> }) =>
      id ? priceBooksApi.update(id, body) : priceBooksApi.create(body),
    onSuccess: () => refresh('price-books'),
  });
}

export function useDeletePriceBook() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: priceBooksApi.remove, onSuccess: () => refresh('price-books') });
}

export function useSetPriceBookEntries() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof PriceBookEntriesInput> }) =>
      priceBooksApi.setEntries(id, body),
    onSuccess: () => refresh('price-books'),
  });
}

/** Looks up, when a product is picked, the price a customer is offered for it (always asked afresh). */
export function useFetchCustomerPrice() {
  const queryClient = useQueryClient();
  return useCallback(
    async (customerId: number, productId: number) => {
      const [price] = await queryClient.fetchQuery({
        queryKey: priceBookKeys.price(customerId, productId),
        queryFn: () => pricesApi.forCustomer(customerId, [productId]),
        staleTime: 0,
      });
      return price;
    },
    [queryClient],
  );
}

type Node = { key: number; title: string; value: number; children: Node[] };

/** Categories as a tree for Tree and TreeSelect. */
export function categoryTree(categories: ProductCategory[]): Node[] {
  const nodes = new Map(
    categories.map((c) => [c.id, { key: c.id, value: c.id, title: c.name, children: [] as Node[] }]),
  );
  const roots: Node[] = [];
  for (const c of categories) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
