export * from './mail-options.js';
export * from './mail-transport.js';
export * from './mail.module.js';
export * from './templates/index.js';
