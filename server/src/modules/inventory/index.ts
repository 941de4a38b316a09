export { toCompanyCurrency } from './company-currency.ts';
export { inventoryRoutes } from './inventory.routes.ts';
export {
  type DeliveredLine,
  releaseForOrder,
  reserveForOrder,
  takeForDelivery,
  takePartsFromStock,
} from './order-stock.ts';
export { marginPercent } from './margins.service.ts';
