export * from './demo-loader.js';
export * from './demo.module.js';
export * from './data/ganzhou-organisation.js';
export * from './data/nanchang-organisation.js';
