export * from './data-source-options.js';
export * from './entities.js';
export * from './persistence.module.js';
