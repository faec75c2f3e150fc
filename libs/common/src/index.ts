export * from './base.entity.js';
export * from './domain-error.js';
export * from './pagination.js';
export * from './request-context.js';
export * from './validation-messages.js';
export * from './actor.js';
export * from './shutdown.js';
