export { assetsRoutes } from './assets.routes.ts';
export { companyToday, getAsset } from './assets.service.ts';
export { coveringContract, getServiceContract } from './service-contracts.service.ts';
