/** The one typed contract between the renderer and main. */
export * from './operations.js';
export * from './schemas.js';
export * from './errors.js';
export * from './external-link.js';
export * from './import-request.js';
