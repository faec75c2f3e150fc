import createClient from 'openapi-fetch';
import { ApiError, authorizedFetch, errorOf } from '../api';
import type { components, paths } from './schema';

/**
 * The typed API client: each path's parameters, body and answers come from the API's OpenAPI document (schema.d.ts,
 * written by `npm run openapi`). Requests go through the app's own token handling: the access token on each, a
 * refresh when it has run out, the sign-out handler when the refresh fails.
 */
export const client = createClient<paths>({ baseUrl: window.location.origin, fetch: authorizedFetch });

// A failed call rejects with the same ApiError (status, Chinese message, field details) as the untyped helper, so the
// pages, the query cache's retry rule and the forms treat both alike.
client.use({
  async onResponse({ response }) {
    if (!response.ok) throw await errorOf(response);
    return undefined;
  },
});

/** The JSON a typed call answered with; a call that answered nothing where the document promises JSON is a failure. */
export async function answer<D>(call: Promise<{ data?: D; response: Response }>): Promise<D> {
  const { data, response } = await call;
  if (data === undefined) throw new ApiError(response.status, `请求失败（${response.status}）`, []);
  return data;
}

/** Every item of a paged list, page by page: the API caps a page at 200 rows. */
export async function allPages<T>(
  read: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const res = await read(page, 200);
    out.push(...res.items);
    if (out.length >= res.total || res.items.length === 0) return out;
  }
}

/** A schema of the API by name: `Schema<'TaskView'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
