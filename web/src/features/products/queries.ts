import type { Page, Product, ProductCategory } from '@relate/common';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export function useProductCategories() {
  return useQuery({
    queryKey: ['productCategories'],
    queryFn: () => api.get<ProductCategory[]>('/api/v1/product-categories'),
  });
}

export type ProductFilters = {
  page: number;
  pageSize: number;
  q?: string;
  categoryId?: number;
  status?: string;
  deleted?: boolean;
  sort?: string;
};

export function useProducts(filters: ProductFilters) {
  return useQuery({
    queryKey: ['products', filters],
    queryFn: () =>
      api.get<Page<Product>>('/api/v1/products', { ...filters, deleted: filters.deleted ? 'true' : undefined }),
    placeholderData: (previous) => previous,
  });
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
