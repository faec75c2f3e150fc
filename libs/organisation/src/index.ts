export * from './unit.entity.js';
export * from './county-tier.entity.js';
export * from './contact.entity.js';
export * from './contact-access.js';
export * from './units.service.js';
export * from './contacts.service.js';
export * from './county-tiers.service.js';
export * from './organisation.module.js';
