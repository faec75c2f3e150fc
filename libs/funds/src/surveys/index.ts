export * from './entities/index.js';
export * from './surveys.service.js';
export * from './surveys.module.js';
