export * from './reporting-period.entity.js';
export * from './report.entity.js';
export * from './evidence.entity.js';
export * from './entry-exception.entity.js';
export * from './plan-indicator.entity.js';
export * from './calendar-day.entity.js';
