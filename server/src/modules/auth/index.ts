export { authRoutes } from './auth.routes.ts';
export { solveCaptcha } from './auth.service.ts';
