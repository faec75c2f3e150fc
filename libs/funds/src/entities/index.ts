export * from './budget-project.entity.js';
export * from './budget-sub-item.entity.js';
export * from './fund-execution.entity.js';
export * from './performance-indicator.entity.js';
export * from './performance-actual.entity.js';
export * from './fund-evaluation.entity.js';
