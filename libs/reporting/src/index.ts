export * from './entities/index.js';
export * from './expected-reports.js';
