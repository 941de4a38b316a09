export { authRoutes } from './auth.routes.ts';
export { solveCaptcha } from './auth.service.ts';
export { clearGuard, countFailure, readGuard } from './login-guard.ts';
