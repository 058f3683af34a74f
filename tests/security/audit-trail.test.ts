/**
 * The audit trail through the server: every sign-in (refused ones with the name tried and the
 * address), every password change, every change by an administrator, every read of a citizen's
 * personal data and every refusal of a route that needs a role lands in the hash chain, and only
 * the audit administrator reads it (`GET /api/v1/audit`) — not the system administrator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHash } from '../../server/audit/audit-trail';
import { ChainVerifier } from '../../server/domain/audit-record';
import { startServer, type TestServer } from '../support/server';
import { withCredential } from '../support/credentials';

const H = '/api/v1/halls/yuxi';
const CLOCK_START = '2026-12-02T10:00:00+08:00';
const TODAY = '2026-12-02';
const CLERK_PASSWORD = 'Audit-Trail-2026';

interface View {
  seq: number;
  at: string;
  kind: string;
  actor: string | null;
  role: string | null;
  address: string | null;
  method: string;
  route: string | null;
  status: number;
  hallId: string | null;
  prev: string;
  hash: string;
}

describe('the audit trail through the API', () => {
  let srv: TestServer;
  let auditor: string;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', env: { QMS_CLOCK_START: CLOCK_START, QMS_DATA_KEY: 'b'.repeat(64) } });
  });
  afterAll(async () => {
    await srv?.close();
  });

  const trail = async (query = ''): Promise<{ records: View[]; next: number | null }> => {
    const res = await srv.request('GET', `/api/v1/audit${query}`, { token: auditor });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('records sign-ins, administrators’ changes, personal-data reads and refusals, for the audit administrator alone', async () => {
    // A refused sign-in from a forwarded address (the test client is a trusted loopback proxy).
    const refused = await srv.request('POST', '/api/v1/auth/login', {
      body: { username: 'manager', password: 'Not-The-Password-1' },
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(refused.status).toBe(401);
    const unknown = await srv.request('POST', '/api/v1/auth/login', {
      body: { username: 'nobody-here', password: 'x' },
      headers: { 'x-forwarded-for': '203.0.113.10' },
    });
    expect(unknown.status).toBe(401);

    // The system administrator makes a clerk (an administrator's change), who sets a password.
    const made = await srv.post('/api/v1/admin/accounts', 'admin', { id: 'clerk-audit', name: '审计测试', role: 'clerk', hallId: 'yuxi' }, 201);
    const first = await srv.login('clerk-audit', made.oneTimePassword);
    const changed = await srv.request('POST', '/api/v1/auth/password', {
      token: first,
      body: { oldPassword: made.oneTimePassword, newPassword: CLERK_PASSWORD },
    });
    expect(changed.status).toBe(200);
    // The demo's audit administrator (三员分立), signed in with the second factor every administrator has.
    auditor = await srv.login('auditor');

    // A citizen's contact phone, read in full by the manager: personal data leaving the store.
    await srv.post(`${H}/windows/16/sign-in`, 'clerk16');
    const ticket = withCredential(await srv.post(`${H}/tickets`, 'admin', { areaId: 'insurance' }, 201));
    await srv.post(`${H}/windows/16/call`, 'clerk16', { number: ticket.number });
    await srv.post(`${H}/windows/16/complete`, 'clerk16');
    await srv.post(`${H}/tickets/${ticket.id}/rating`, 'rating01', { score: 1, tags: ['long_wait'], contact: '13812345678' }, 201);
    expect((await srv.get(`${H}/ratings/${ticket.id}/contact?day=${TODAY}`, 'manager')).contact).toBe('13812345678');

    // Refusals of privileged routes: a clerk at the accounts, the system administrator at the audit trail.
    expect((await srv.request('GET', '/api/v1/admin/accounts', { as: 'clerk01', headers: { 'x-forwarded-for': '198.51.100.7' } })).status).toBe(403);
    const adminReads = await srv.request('GET', '/api/v1/audit', { as: 'admin' });
    expect(adminReads.status).toBe(403);
    expect(adminReads.body.error.code).toBe('forbidden');
    expect((await srv.request('GET', '/api/v1/audit')).status).toBe(401);
    expect((await srv.request('GET', '/api/v1/audit', { as: 'manager' })).status).toBe(403);

    const { records } = await trail('?limit=500');
    const find = (pred: (r: View) => boolean, what: string): View => {
      const r = records.find(pred);
      if (!r) throw new Error(`no audit record of ${what} in:\n${records.map((x) => `${x.kind} ${x.actor} ${x.method} ${x.route} ${x.status}`).join('\n')}`);
      return r;
    };
    expect(find((r) => r.kind === 'sign_in_failed' && r.actor === 'manager', 'the refused sign-in')).toMatchObject({
      address: '203.0.113.9',
      status: 401,
      role: null,
    });
    expect(find((r) => r.kind === 'sign_in_failed' && r.actor === 'nobody-here', 'the unknown user')).toMatchObject({ address: '203.0.113.10', status: 401 });
    expect(find((r) => r.kind === 'sign_in' && r.actor === 'clerk16', 'a sign-in')).toMatchObject({ role: 'clerk', status: 200, address: '127.0.0.1' });
    expect(find((r) => r.kind === 'admin_change' && r.route === '/api/v1/admin/accounts', 'the account made')).toMatchObject({
      actor: 'admin',
      role: 'admin',
      method: 'POST',
      status: 201,
    });
    expect(find((r) => r.kind === 'password_change' && r.actor === 'clerk-audit', 'the password change')).toMatchObject({ status: 200 });
    expect(find((r) => r.kind === 'personal_data_export', 'the contact read')).toMatchObject({
      actor: 'manager',
      route: '/api/v1/halls/:hallId/ratings/:ticketId/contact',
      hallId: 'yuxi',
      status: 200,
    });
    expect(find((r) => r.kind === 'access_refused' && r.actor === 'clerk01', 'the clerk refused')).toMatchObject({
      status: 403,
      route: '/api/v1/admin/accounts',
      address: '198.51.100.7',
    });
    expect(find((r) => r.kind === 'access_refused' && r.actor === 'admin' && r.route === '/api/v1/audit', 'the admin refused')).toMatchObject({ status: 403 });
    expect(find((r) => r.kind === 'access_refused' && r.actor === null && r.route === '/api/v1/audit', 'no token')).toMatchObject({ status: 401 });
    // A clerk's window work is not an administrator's change; nor is anybody's read.
    expect(records.filter((r) => r.kind === 'admin_change' && r.actor === 'clerk16')).toEqual([]);
    expect(records.filter((r) => r.kind === 'admin_change' && r.method === 'GET')).toEqual([]);
    // No URL with a ticket's credential, only route patterns.
    expect(JSON.stringify(records)).not.toContain(ticket.key);
    expect(JSON.stringify(records)).not.toContain('13812345678');

    // Newest first, a chain: each record carries the hash of the one before.
    const seqs = records.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(seqs.at(-1)).toBe(1);
    const verifier = new ChainVerifier(chainHash);
    for (const r of [...records].reverse()) {
      const { at, ...rest } = r;
      expect(verifier.add(JSON.stringify({ ...rest, at: Date.parse(at) }))).toBe(true);
    }
  });

  it('pages newest first and filters by kind', async () => {
    const all = (await trail('?limit=500')).records;
    const page1 = await trail('?limit=3');
    expect(page1.records.map((r) => r.seq)).toEqual(all.slice(0, 3).map((r) => r.seq));
    expect(page1.next).toBe(page1.records[2]!.seq);
    const page2 = await trail(`?limit=3&before=${page1.next}`);
    expect(page2.records.map((r) => r.seq)).toEqual(all.slice(3, 6).map((r) => r.seq));
    const failed = await trail('?kind=sign_in_failed');
    expect(failed.records.map((r) => r.actor).sort()).toEqual(['manager', 'nobody-here']);
    expect((await srv.request('GET', '/api/v1/audit?kind=everything', { token: auditor })).status).toBe(400);
  });
});
