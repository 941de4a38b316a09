export { productsRoutes } from './products.routes.ts';
export {
  getProduct,
  insertProducts,
  productColumns,
  toProduct,
  productsForExport,
  type ProductRow,
} from './products.service.ts';
export { categorySubtree } from './categories.service.ts';
export { resolvePrices } from './pricebooks.service.ts';
