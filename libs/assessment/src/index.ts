export * from './entities/index.js';
export * from './schemes.service.js';
export * from './quarterly-ranking.service.js';
export * from './quarterly-inputs.js';
export * from './bulletin-export.service.js';
export * from './assessment.module.js';
export * from './seed/quarterly-scheme.js';
export * from './explanation.js';
