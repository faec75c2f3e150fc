export * from './audit-entry.entity.js';
export * from './audit.module.js';
export * from './audit.service.js';
export * from './audit-record.js';
export * from './audited-write.js';
