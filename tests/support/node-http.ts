/**
 * Plain HTTP to a server process by URL (the cluster tests' nodes): a JSON call, and a demo sign-in.
 */
export async function call<T = any>(base: string, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export async function login(base: string, username: string): Promise<string> {
  return (await call<{ token: string }>(base, 'POST', '/api/v1/auth/login', undefined, { username, password: 'demo' })).body.token;
}
