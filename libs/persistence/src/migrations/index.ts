import { Foundation1700000000000 } from './1700000000000-foundation.js';

/** Ordered list of migrations; the data source loads these classes, not a glob. */
export const migrations = [Foundation1700000000000];
