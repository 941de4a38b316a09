export { productsRoutes } from './products.routes.ts';
export { getProduct, toProduct } from './products.service.ts';
export { resolvePrices } from './pricebooks.service.ts';
