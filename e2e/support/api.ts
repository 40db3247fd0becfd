import { request, type APIRequestContext } from 'playwright-core';
import { DEMO_PASSWORD, e2e } from './browser.js';

export interface ApiSession {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** A non-JSON body, e.g. a raw e-mail as message/rfc822. */
  postRaw<T>(path: string, body: Buffer, contentType: string): Promise<T>;
  dispose(): Promise<void>;
}

/** Signs in through the public API (cookie + CSRF token), to set up or check what a journey does. */
export async function apiAs(email: string, password = DEMO_PASSWORD): Promise<ApiSession> {
  const ctx: APIRequestContext = await request.newContext({ baseURL: e2e().baseUrl });
  const login = await ctx.post('/api/v1/auth/login', { data: { email, password } });
  if (!login.ok()) throw new Error(`login ${email}: ${login.status()} ${await login.text()}`);
  const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
  const check = async <T>(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> => {
    if (!res.ok()) throw new Error(`${res.url()}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    get: async <T>(path: string) => check<T>(await ctx.get(`/api/v1${path}`)),
    post: async <T>(path: string, body: unknown) =>
      check<T>(await ctx.post(`/api/v1${path}`, { data: body as object, headers: { 'x-csrf-token': csrf } })),
    postRaw: async <T>(path: string, body: Buffer, contentType: string) =>
      check<T>(await ctx.post(`/api/v1${path}`, { data: body, headers: { 'x-csrf-token': csrf, 'content-type': contentType } })),
    dispose: () => ctx.dispose(),
  };
}

/** A word no demo ticket contains, so a search finds exactly the journey's ticket. */
export const uniqueWord = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 8)}`;
