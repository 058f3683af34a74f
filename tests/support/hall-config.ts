/**
 * Reading and changing a hall's configuration over the API, for tests.
 */
import type { TestServer } from './server';

export const CONFIG = '/api/v1/admin/halls/yuxi/config';

export type Hall = {
  id: string;
  name: string;
  areas: Array<{ id: string; prefix: string }>;
  windows: Array<{ id: string; number: number; name: string; areaIds: string[] }>;
  policy: { recallLimit: number };
  retired: boolean;
  journeys?: Array<{ id: string; steps: Array<{ areaId: string }> }>;
  [k: string]: unknown;
};

export async function config(srv: TestServer, as = 'admin'): Promise<{ version: number; hall: Hall }> {
  return srv.get(CONFIG, as);
}

export function put(srv: TestServer, hall: unknown, version: number | null, as = 'manager', path = CONFIG) {
  return srv.request('PUT', path, { as, body: { hall }, headers: version === null ? {} : { 'if-match': String(version) } });
}

export function renamed(hall: Hall, windowId: string, name: string): Hall {
  return { ...hall, windows: hall.windows.map((w) => (w.id === windowId ? { ...w, name } : w)) };
}
