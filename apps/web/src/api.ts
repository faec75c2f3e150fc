// API client: Bearer access token in memory, refresh token in localStorage, one refresh on 401.
import type { components } from './api/schema';
import type { SessionUser } from './api/types';
import { detailText } from './field-labels';

export type ErrorDetail = components['schemas']['ErrorDetail'];

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

type LoginResponse = components['schemas']['Session'];

const REFRESH_KEY = 'kc.refreshToken';
let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
let onSignedOut: (() => void) | null = null;

export function setSignedOutHandler(handler: () => void): void {
  onSignedOut = handler;
}

export function hasRefreshToken(): boolean {
  return localStorage.getItem(REFRESH_KEY) !== null;
}

function storeTokens(res: { accessToken: string; refreshToken: string }): void {
  accessToken = res.accessToken;
  localStorage.setItem(REFRESH_KEY, res.refreshToken);
}

export function clearTokens(): void {
  accessToken = null;
  localStorage.removeItem(REFRESH_KEY);
}

/** The ApiError a failed answer stands for: the API's message (Chinese) and field details, else the status. */
export async function errorOf(res: Response): Promise<ApiError> {
  let message = `请求失败（${res.status}）`;
  let details: ErrorDetail[] = [];
  try {
    const body = (await res.json()) as { message?: unknown; details?: unknown };
    if (typeof body.message === 'string') message = body.message;
    else if (Array.isArray(body.message)) message = body.message.join('；');
    if (Array.isArray(body.details)) details = body.details as ErrorDetail[];
  } catch {
    /* not JSON */
  }
  if (res.status === 403 && !message) message = '无权访问';
  return new ApiError(res.status, message, details);
}

async function refresh(): Promise<boolean> {
  const token = localStorage.getItem(REFRESH_KEY);
  if (!token) return false;
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: token }),
      });
      if (!res.ok) {
        clearTokens();
        return false;
      }
      storeTokens((await res.json()) as LoginResponse);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  form?: FormData;
  query?: Record<string, string | number | boolean | undefined | null>;
}

function urlOf(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function raw(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await send(urlOf(path, options.query), { method: options.method ?? 'GET', headers, body });
  if (!res.ok) throw await errorOf(res);
  return res;
}

/** Sends a request with the access token: refreshed first when only the refresh token is left, and once on a 401. */
async function send(url: string, init: RequestInit, retried = false): Promise<Response> {
  const path = new URL(url, window.location.href).pathname;
  if (!accessToken && !retried && hasRefreshToken() && !path.startsWith('/api/auth/login')) {
    await refresh();
    return send(url, init, true);
  }
  const headers = new Headers(init.headers);
  if (accessToken) headers.set('authorization', `Bearer ${accessToken}`);
  const res = await fetch(url, { ...init, headers });
  if (res.status === 401 && !retried && !path.startsWith('/api/auth/')) {
    if (await refresh()) return send(url, init, true);
    onSignedOut?.();
  }
  return res;
}

/** `fetch` for the typed client (api/client.ts): the same token handling as every other request of the app. */
export async function authorizedFetch(request: Request): Promise<Response> {
  // A request's body can be read once; it may be sent twice (after a refresh).
  const body = request.body ? await request.arrayBuffer() : undefined;
  return send(request.url, { method: request.method, headers: request.headers, body, signal: request.signal });
}

/**
 * Untyped JSON request, left for what the typed client (api/client.ts) cannot send: multipart uploads (the document
 * types a file part as a string) and the token flow here, which the typed client itself goes through.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await raw(path, options);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Fetches a file with the token and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await raw(path);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function login(username: string, password: string): Promise<SessionUser> {
  // The token flow stays untyped: the typed client sends every request through the token handling of this module.
  const res = await api<LoginResponse>('/api/auth/login', { method: 'POST', body: { username, password } });
  storeTokens(res);
  return res.user;
}

export async function logout(): Promise<void> {
  const token = localStorage.getItem(REFRESH_KEY);
  try {
    // Part of the token flow, like the login above.
    if (accessToken && token) await api('/api/auth/logout', { method: 'POST', body: { refreshToken: token } });
  } catch {
    /* signing out anyway */
  }
  clearTokens();
}

export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) for (const d of error.details) out[d.field] = d.reason;
  return out;
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.statusCode === 403) return `无权访问：${error.message}`;
    const extra = error.details.map((d) => detailText(d)).join('；');
    return extra ? `${error.message}（${extra}）` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
