export { authRoutes } from './auth.routes.ts';
export { createCaptcha, solveCaptcha } from './captcha.ts';
export { checkCredentials } from './credential-check.ts';
export { endUserSessions } from './auth.service.ts';
