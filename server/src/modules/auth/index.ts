export { authRoutes } from './auth.routes.ts';
export { solveCaptcha } from './captcha.ts';
export { checkCredentials } from './credential-check.ts';
