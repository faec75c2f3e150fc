export * from './plan.entity.js';
export * from './plan-section.entity.js';
export * from './task.entity.js';
export * from './assignment.entity.js';
export * from './indicator.entity.js';
export * from './target.entity.js';
export * from './indicator-value.entity.js';
export * from './project.entity.js';
