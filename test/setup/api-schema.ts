import type { components } from '../../apps/web/src/api/schema.js';

/** A schema of the API's OpenAPI document by name (`Schema<'TaskView'>`): the types the web app is written against. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
