export * from './scheme.entity.js';
export * from './bulletin.entity.js';
export * from './assessment.entity.js';
