export { failAbandonedImports } from './imports.service.ts';
export { importsRoutes } from './imports.routes.ts';
export { warmSheetReaders } from './sheet-readers.ts';
