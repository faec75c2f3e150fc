export * from './user.entity.js';
export * from './refresh-token.entity.js';
export * from './password.js';
export * from './auth.service.js';
export * from './users.service.js';
export * from './identity.module.js';
