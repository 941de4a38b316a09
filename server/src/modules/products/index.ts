export { productsRoutes } from './products.routes.ts';
export { getProduct, insertProducts, productColumns, toProduct } from './products.service.ts';
export * as productsRepository from './products.repository.ts';
export { categorySubtree } from './categories.service.ts';
export { resolvePrices } from './pricebooks.service.ts';
