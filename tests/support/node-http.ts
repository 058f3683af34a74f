/**
 * Plain HTTP to a server process by URL (the cluster tests' nodes): a JSON call, and a demo sign-in.
 */
import { signInThroughSecondFactor } from './second-factor';

export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** A demo sign-in; an administrator enrols or gives a code from their authenticator secret (`second-factor.ts`). */
export async function login(base: string, username: string): Promise<string> {
  const res = await signInThroughSecondFactor((method, path, body, token) => call(base, method, path, token, body), username, 'demo');
  return res.body.token;
}
