export * from './format.js';
export * from './reminder.template.js';
export * from './escalation.template.js';
export * from './digest.template.js';
export * from './nudge.template.js';
export * from './event.template.js';
export * from './fund-lag.template.js';
