declare module 'swagger-ui-dist' {
  export function getAbsoluteFSPath(): string;
  const swaggerUi: { getAbsoluteFSPath(): string };
  export default swaggerUi;
}

declare module 'swagger-ui-dist/absolute-path.js' {
  /** The folder of the UI's files. */
  const getAbsoluteFSPath: () => string;
  export default getAbsoluteFSPath;
}
