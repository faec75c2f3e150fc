import createClient from 'openapi-fetch';
import { authorizedFetch } from '../api';
import type { components, paths } from './schema';

/**
 * The typed API client: each path's parameters, body and answers come from the API's OpenAPI document (schema.d.ts,
 * written by `npm run openapi`). Requests go through the app's own token handling: the access token on each, a
 * refresh when it has run out, the sign-out handler when the refresh fails.
 */
export const client = createClient<paths>({ baseUrl: window.location.origin, fetch: authorizedFetch });

/** A schema of the API by name: `Schema<'TaskView'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
