export * from './scoring/index.js';
export * from './calendar/index.js';
export * from './reporting/index.js';
export * from './funds/index.js';
export * from './input/index.js';
