export * from './queues.js';
export * from './redis.js';
export * from './queue.module.js';
