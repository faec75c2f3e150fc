export * from './data-source-options.js';
export * from './persistence.module.js';
