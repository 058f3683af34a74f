/**
 * The authorisation matrix: every route × every role × own hall / other hall on a real server on a
 * real Redis, each request otherwise valid (the window is staffed, the ticket called, the slot free),
 * so an allowed cell must really succeed (2xx) and a refused one must be refused for who asks
 * (401 unauthorized / 403 forbidden), as `route-table.ts` says. And the table lists exactly the
 * routes the server answers, so a new route cannot slip in without a rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../printers/virtual-printer';
import { RedisProcess } from '../support/redis';
import { HttpReceiver } from '../support/http-receiver';
import { startServer, type ApiResponse, type TestServer } from '../support/server';
import { expectedStatus, ROLES, ROUTES, routeName, type Role, type RouteRule } from './route-table';
import { io as connect, type Socket } from 'socket.io-client';
import { withCredential } from '../support/credentials';
import { codeAt, signInThroughSecondFactor } from '../support/second-factor';

const H = '/api/v1/halls/yuxi';
/** A Wednesday morning: the hall is open, tomorrow takes bookings, and hours can be extended. */
const CLOCK_START = '2026-12-02T10:00:00+08:00';
const TODAY = '2026-12-02';
const TOMORROW = '2026-12-03';

/** Who plays each role: a user of hall yuxi (the hall every request targets), or of tonghai. */
const ACTORS: Record<'own' | 'other', Record<Role, string | null>> = {
  // The demo's city manager covers both demo halls; `city-tonghai` (made in beforeAll) only tonghai.
  own: {
    anonymous: null,
    kiosk: 'kiosk01',
    display: 'display01',
    rating: 'rating01',
    clerk: 'clerk16',
    manager: 'manager',
    city_manager: 'city',
    admin: 'admin',
    security_admin: 'security',
    audit_admin: 'auditor',
  },
  other: {
    anonymous: null,
    kiosk: 'tonghai-kiosk01',
    display: 'tonghai-display01',
    rating: 'tonghai-rating01',
    clerk: 'tonghai-clerk01',
    manager: 'tonghai-manager',
    city_manager: 'city-tonghai',
    admin: 'admin',
    security_admin: 'security',
    audit_admin: 'auditor',
  },
};

/** Who makes and lists accounts of a role (三员分立): the security administrator the administrators', the system administrator the rest. */
const ADMINISTRATORS = new Set<string>(['admin', 'security_admin', 'audit_admin']);
const keeperOf = (role: string): string => (ADMINISTRATORS.has(role) ? 'security' : 'admin');

/** Actors not of the demo: their own passwords (the demo's is `demo`). */
const PASSWORDS: Record<string, string> = { 'city-tonghai': 'Matrix-City-2026' };

/** The window every window action is tried at, staffed by the own-hall clerk above; insurance (G). */
const W = '16';
const W_CLERK = 'clerk16';

interface Cell {
  rule: RouteRule;
  role: Role;
  hall: 'own' | 'other';
  actor: string | null;
}

interface Req {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** A token of the cell's actor other than the cached one (sign-out revokes it). */
  token?: string;
}

describe('authorisation matrix: every route × every role × own / other hall', () => {
  let redis: RedisProcess;
  let srv: TestServer;
  let printer: VirtualPrinter;
  /** The SMS gateway: opting in texts a code. */
  let sms: HttpReceiver;
  let addresses = 0;
  const once = new Map<string, Promise<unknown>>();

  /** A fresh client address: public bookings are limited per address. */
  const nextAddress = () => `10.77.${Math.floor(++addresses / 250)}.${addresses % 250}`;

  async function ok<T = any>(res: Promise<Pick<ApiResponse<T>, 'status' | 'body'>>, what: string): Promise<T> {
    const r = await res;
    if (r.status < 200 || r.status >= 300) throw new Error(`setup ${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  const as = (user: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    ok(srv.request(method, path, { as: user, body: method === 'GET' ? undefined : (body ?? {}), headers }), `${method} ${path} as ${user}`);
  const memo = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    if (!once.has(key)) once.set(key, make());
    return once.get(key) as Promise<T>;
  };

  /** A waiting ticket whose phone page is open (its socket): what a text-reminder opt-in needs. */
  const phones: Socket[] = [];
  /** The socket of a ticket's open phone page. */
  const follow = async (key: string): Promise<string> => {
    const phone = connect(`${srv.url}/halls`, { auth: { hallId: 'yuxi', credential: key }, transports: ['websocket'], reconnection: false });
    phones.push(phone);
    await new Promise<void>((resolve, reject) => {
      phone.once('connect', () => resolve());
      phone.once('connect_error', reject);
    });
    return phone.id!;
  };
  const followedTicket = () =>
    memo('followed', async () => {
      const t = withCredential(await as('admin', 'POST', `${H}/tickets`, { areaId: 'tax' })) as { id: string; key: string };
      return { ...t, socketId: await follow(t.key) };
    });
  let phonesUsed = 0;
  const nextPhone = () => `1380000${String(1000 + ++phonesUsed)}`;
  const webhookBody = (events: string[]) => ({ url: 'http://127.0.0.1:9/matrix-hook', events, secret: 'matrix-webhook-secret-0123' });
  const webhook = () => memo('webhook', async () => (await as('admin', 'POST', '/api/v1/admin/webhooks', webhookBody(['ticket.issued']))).webhook.id as string);
  /** A delivery of `webhook()` (to a closed port: it stays pending, retried). */
  const delivery = () =>
    memo('delivery', async () => {
      const id = await webhook();
      await as('admin', 'POST', `${H}/tickets`, { areaId: 'tax' });
      for (let i = 0; i < 100; i++) {
        const { deliveries } = await as('admin', 'GET', `/api/v1/admin/webhooks/${id}/deliveries`);
        if (deliveries.length > 0) return { id, deliveryId: deliveries[0].id as string };
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('no webhook delivery');
    });

  let accountsMade = 0;
  /** A new account shaped like `actor` (role, hall, halls), made by whoever keeps such accounts. */
  async function likeActor(role: Role, actor: string): Promise<{ id: string; created: { oneTimePassword: string } }> {
    const template = (await as(keeperOf(role), 'GET', '/api/v1/admin/accounts')).accounts.find((a: { id: string }) => a.id === actor);
    if (!template) throw new Error(`setup: ${actor} is not listed for ${keeperOf(role)}`);
    const id = `${role}-made-${++accountsMade}`;
    const created = await as(keeperOf(role), 'POST', '/api/v1/admin/accounts', {
      id,
      name: '新人',
      role,
      hallId: template.hallId,
      ...(template.hallIds.length > 0 ? { hallIds: template.hallIds } : {}),
    });
    return { id, created };
  }
  /** A token of a new account like `actor` that has chosen its own password (a device: its pairing token). */
  async function freshPerson(role: Role, actor: string): Promise<string> {
    const { id, created } = await likeActor(role, actor);
    const first = await ok(srv.request('POST', '/api/v1/auth/login', { body: { username: id, password: created.oneTimePassword } }), 'login');
    if (!first.mustChangePassword) return first.token;
    const changed = await ok(
      srv.request('POST', '/api/v1/auth/password', { token: first.token, body: { oldPassword: created.oneTimePassword, newPassword: 'Fresh-Password-42' } }),
      'password',
    );
    return changed.token;
  }
  /** A clerk of hall yuxi that account routes act on (no cell signs in as it). */
  const matrixClerk = () =>
    memo(
      'matrix-clerk',
      async () =>
        (await as('admin', 'POST', '/api/v1/admin/accounts', { id: 'clerk-matrix', name: '矩阵', role: 'clerk', hallId: 'yuxi' })).account.id as string,
    );

  /** Back to closed and empty, by an administrator. */
  async function resetWindow(id: string): Promise<void> {
    const { window } = await as('admin', 'GET', `${H}/windows/${id}`);
    if (window.ticket) await as('admin', 'POST', `${H}/windows/${id}/complete`);
    if (window.status === 'paused') await as('admin', 'POST', `${H}/windows/${id}/resume`);
    if (window.status !== 'closed') await as('admin', 'POST', `${H}/windows/${id}/sign-out`);
  }

  /** A ticket called to window `id` by its own clerk (clerkNN at window NN). */
  async function calledAt(id: string, areaId: string): Promise<{ id: string; number: string; key: string }> {
    const clerk = `clerk${id.padStart(2, '0')}`;
    await resetWindow(id);
    await as(clerk, 'POST', `${H}/windows/${id}/sign-in`);
    const ticket = withCredential(await as('admin', 'POST', `${H}/tickets`, { areaId }));
    await as(clerk, 'POST', `${H}/windows/${id}/call`, { number: ticket.number });
    return ticket;
  }

  async function doneTicket(): Promise<{ id: string; number: string }> {
    const t = await calledAt('19', 'police');
    await as('clerk19', 'POST', `${H}/windows/19/complete`);
    return t;
  }

  async function missedTicket(): Promise<{ id: string; number: string }> {
    const t = await calledAt('19', 'police');
    await as('clerk19', 'POST', `${H}/windows/19/no-show`);
    return t;
  }

  /** `key`: the credential its QR code carries, which public routes take (staff routes take the id). */
  const waitingTicket = () =>
    memo('waiting', async () => withCredential(await as('admin', 'POST', `${H}/tickets`, { areaId: 'tax' })) as { id: string; number: string; key: string });
  const announcedTicket = () => memo('announced', () => calledAt('20', 'police'));
  const ratedTicket = () =>
    memo('rated', async () => {
      const t = await doneTicket();
      await as('rating01', 'POST', `${H}/tickets/${t.id}/rating`, { score: 1, tags: ['long_wait'] });
      return t;
    });

  /** Tomorrow's first slot with room, in any area. */
  async function freeSlot(): Promise<{ areaId: string; date: string; start: string }> {
    for (const areaId of ['invest', 'estate', 'utility', 'tax', 'business', 'fund', 'insurance', 'police']) {
      const { slots } = await ok(srv.request('GET', `${H}/appointments/slots?date=${TOMORROW}&areaId=${areaId}`), 'slots');
      const slot = (slots as Array<{ start: string; available: number }>).find((s) => s.available > 0);
      if (slot) return { areaId, date: TOMORROW, start: slot.start };
    }
    throw new Error('no free appointment slot tomorrow');
  }
  async function booked(): Promise<string> {
    const body = await ok(srv.request('POST', `${H}/appointments`, { body: await freeSlot(), headers: { 'x-forwarded-for': nextAddress() } }), 'booking');
    return body.appointment.code;
  }

  /** Window `W` staffed by its clerk, in the state an action needs. */
  async function staffed(state: 'open' | 'called' | 'paused'): Promise<void> {
    await resetWindow(W);
    await as(W_CLERK, 'POST', `${H}/windows/${W}/sign-in`);
    if (state === 'paused') await as(W_CLERK, 'POST', `${H}/windows/${W}/pause`, { reason: '设备维护' });
    if (state === 'called') {
      const { ticket } = await as('admin', 'POST', `${H}/tickets`, { areaId: 'insurance' });
      await as(W_CLERK, 'POST', `${H}/windows/${W}/call`, { number: ticket.number });
    }
  }

  /** How to make each route's request valid, so that only who asks decides the answer. */
  const REQUESTS: Record<string, (cell: Cell) => Promise<Req>> = {
    'GET /healthz': async () => ({ path: '/healthz' }),
    'GET /metrics': async () => ({ path: '/metrics' }),
    'GET /assets/*': async () => {
      const html = await srv.request('GET', '/display/hall');
      const asset = /src="(\/assets\/[^"]+\.js)"/.exec(String(html.body))?.[1];
      if (!asset) throw new Error('the hall page names no script asset: run `npx vite build`');
      return { path: asset };
    },
    'GET /api/v1/openapi.json': async () => ({ path: '/api/v1/openapi.json' }),
    'GET /api/docs': async () => ({ path: '/api/docs' }),
    'GET /api/docs/': async () => ({ path: '/api/docs/' }),
    'GET /api/docs/json': async () => ({ path: '/api/docs/json' }),
    'GET /api/docs/yaml': async () => ({ path: '/api/docs/yaml' }),
    // A redirect to the page itself: the request follows it.
    'GET /api/docs/static/index.html': async () => ({ path: '/api/docs/static/index.html' }),
    'GET /api/docs/static/swagger-initializer.js': async () => ({ path: '/api/docs/static/swagger-initializer.js' }),
    'GET /api/docs/static/*': async () => ({ path: '/api/docs/static/swagger-ui.css' }),
    'GET /kiosk': async () => ({ path: '/kiosk?hall=yuxi' }),
    'GET /display/hall': async () => ({ path: '/display/hall?hall=yuxi' }),
    'GET /display/window': async () => ({ path: '/display/window?hall=yuxi&window=3' }),
    'GET /counter': async () => ({ path: '/counter?hall=yuxi' }),
    'GET /rating': async () => ({ path: '/rating?hall=yuxi&window=3' }),
    'GET /manager': async () => ({ path: '/manager?hall=yuxi' }),
    'GET /admin': async () => ({ path: '/admin?hall=yuxi' }),
    'GET /reports': async () => ({ path: '/reports' }),
    'GET /audit': async () => ({ path: '/audit' }),
    'GET /book': async () => ({ path: '/book?hall=yuxi' }),
    'GET /hall-info': async () => ({ path: '/hall-info?hall=yuxi' }),
    'GET /ticket/:hallId/:ticketId': async () => ({ path: `/ticket/yuxi/${(await waitingTicket()).key}` }),
    'POST /api/v1/auth/login': async () => ({ path: '/api/v1/auth/login', body: { username: 'clerk20', password: 'demo' } }),
    'GET /api/v1/auth/me': async () => ({ path: '/api/v1/auth/me' }),
    'POST /api/v1/auth/logout': async ({ actor }) => {
      // Its own token: signing out the cached one would refuse the actor's later cells. An
      // administrator signs in with the code from their authenticator app (enrolled at first sign-in).
      const signIn = (username: string) =>
        signInThroughSecondFactor((method, path, body, token) => srv.request(method, path, { body, token }), username, PASSWORDS[username] ?? 'demo');
      const token = actor ? (await ok(signIn(actor), 'login')).token : undefined;
      return { path: '/api/v1/auth/logout', body: {}, token };
    },
    'POST /api/v1/auth/pair': async () => {
      const { code } = await as('admin', 'POST', `/api/v1/admin/halls/yuxi/devices/display01/pairing-code`);
      return { path: '/api/v1/auth/pair', body: { hallId: 'yuxi', code }, headers: { 'x-forwarded-for': nextAddress() } };
    },
    'POST /api/v1/auth/password': async ({ role, actor }) => {
      // A fresh account like the actor (changing a shared demo account's password would end its
      // cached token), signed in with its one-time password: the one thing such a token may do.
      if (!actor) return { path: '/api/v1/auth/password', body: { oldPassword: 'x', newPassword: 'Fresh-Password-42' } };
      const { created, id } = await likeActor(role, actor);
      const { token } = await ok(srv.request('POST', '/api/v1/auth/login', { body: { username: id, password: created.oneTimePassword } }), 'login');
      return { path: '/api/v1/auth/password', body: { oldPassword: created.oneTimePassword, newPassword: 'Fresh-Password-42' }, token };
    },
    // A fresh person like the actor, past their first password change: setting up is what comes next.
    'POST /api/v1/auth/second-factor': async ({ role, actor }) => {
      if (!actor) return { path: '/api/v1/auth/second-factor', body: {} };
      return { path: '/api/v1/auth/second-factor', body: {}, token: await freshPerson(role, actor) };
    },
    'POST /api/v1/auth/second-factor/confirm': async ({ role, actor }) => {
      if (!actor) return { path: '/api/v1/auth/second-factor/confirm', body: { code: '123456' } };
      const token = await freshPerson(role, actor);
      // A device may not set one up: its confirmation is asked without a secret (refused by role first).
      const setup = await srv.request('POST', '/api/v1/auth/second-factor', { token, body: {} });
      const code = setup.status === 200 ? codeAt(setup.body.secret, Math.floor(Date.now() / 30_000)) : '123456';
      return { path: '/api/v1/auth/second-factor/confirm', body: { code }, token };
    },
    'POST /api/v1/admin/accounts/:id/reset-second-factor': async () => ({
      path: `/api/v1/admin/accounts/${await matrixClerk()}/reset-second-factor`,
      body: {},
    }),
    'GET /api/v1/admin/accounts': async () => ({ path: '/api/v1/admin/accounts' }),
    'POST /api/v1/admin/accounts': async () => ({
      path: '/api/v1/admin/accounts',
      body: { id: `clerk-made-${++accountsMade}`, name: '新同事', role: 'clerk', hallId: 'yuxi' },
    }),
    'PATCH /api/v1/admin/accounts/:id': async () => ({ path: `/api/v1/admin/accounts/${await matrixClerk()}`, body: { name: '改名', staffNo: 'YX999' } }),
    'POST /api/v1/admin/accounts/:id/disable': async () => ({ path: `/api/v1/admin/accounts/${await matrixClerk()}/disable`, body: {} }),
    'POST /api/v1/admin/accounts/:id/enable': async () => ({ path: `/api/v1/admin/accounts/${await matrixClerk()}/enable`, body: {} }),
    'POST /api/v1/admin/accounts/:id/reset-password': async () => ({ path: `/api/v1/admin/accounts/${await matrixClerk()}/reset-password`, body: {} }),
    'POST /api/v1/admin/halls/:hallId/devices/:deviceId/pairing-code': async () => ({
      path: '/api/v1/admin/halls/yuxi/devices/kiosk01/pairing-code',
      body: {},
    }),
    // kiosk01 prints on the virtual printer (QMS_DEMO_PRINTER).
    'POST /api/v1/admin/halls/:hallId/devices/:deviceId/print-test': async () => ({ path: '/api/v1/admin/halls/yuxi/devices/kiosk01/print-test', body: {} }),
    'GET /api/v1/halls': async () => ({ path: '/api/v1/halls' }),
    'GET /api/v1/halls/:hallId': async () => ({ path: H }),
    'GET /api/v1/halls/:hallId/board': async () => ({ path: `${H}/board` }),
    'POST /api/v1/halls/:hallId/notices': async () => ({ path: `${H}/notices`, body: { text: '请携带身份证原件' } }),
    'DELETE /api/v1/halls/:hallId/notices/:noticeId': async () => {
      const { notice } = await as('manager', 'POST', `${H}/notices`, { text: '系统演练通知' });
      return { path: `${H}/notices/${notice.id}` };
    },
    'POST /api/v1/halls/:hallId/tickets': async () => ({ path: `${H}/tickets`, body: { areaId: 'business' } }),
    'GET /api/v1/halls/:hallId/tickets/:ticketId': async () => ({ path: `${H}/tickets/${(await waitingTicket()).key}` }),
    'POST /api/v1/halls/:hallId/tickets/:ticketId/print': async () => ({ path: `${H}/tickets/${(await waitingTicket()).id}/print`, body: {} }),
    'GET /api/v1/halls/:hallId/tickets/:ticketId/preview': async () => ({ path: `${H}/tickets/${(await waitingTicket()).id}/preview` }),
    'GET /api/v1/halls/:hallId/tickets/:ticketId/events': async () => ({ path: `${H}/tickets/${(await waitingTicket()).id}/events` }),
    // A fresh no-show each time (a ticket is re-queued once), named by its number: every allowed role may.
    'POST /api/v1/halls/:hallId/tickets/:ticketId/requeue': async () => ({ path: `${H}/tickets/${(await missedTicket()).number}/requeue`, body: {} }),
    'POST /api/v1/halls/:hallId/tickets/:ticketId/rating': async () => ({ path: `${H}/tickets/${(await doneTicket()).id}/rating`, body: { score: 5 } }),
    // The ticket being served at the clerk's own window: a clerk asks for help with the citizen in front of them.
    'POST /api/v1/halls/:hallId/tickets/:ticketId/assistance': async () => {
      await staffed('called');
      const { window } = await as('admin', 'GET', `${H}/windows/${W}`);
      return { path: `${H}/tickets/${window.ticket.id}/assistance`, body: { note: '老年人需要帮办' } };
    },
    'POST /api/v1/halls/:hallId/tickets/:ticketId/assistance/assign': async () => {
      await staffed('called');
      const { window } = await as('admin', 'GET', `${H}/windows/${W}`);
      await as('admin', 'POST', `${H}/tickets/${window.ticket.id}/assistance`, { note: '老年人需要帮办' });
      return { path: `${H}/tickets/${window.ticket.id}/assistance/assign`, body: { staffId: 'clerk17' } };
    },
    // The citizen at the clerk's own window: the clerk sees what is kept of their identity (none here: null).
    'GET /api/v1/halls/:hallId/tickets/:ticketId/identity': async () => {
      await staffed('called');
      const { window } = await as('admin', 'GET', `${H}/windows/${W}`);
      return { path: `${H}/tickets/${window.ticket.id}/identity` };
    },
    'GET /api/v1/halls/:hallId/tickets/:ticketId/announcement': async () => ({ path: `${H}/tickets/${(await announcedTicket()).key}/announcement` }),
    'GET /api/v1/halls/:hallId/tickets/:ticketId/announcement.wav': async () => ({ path: `${H}/tickets/${(await announcedTicket()).key}/announcement.wav` }),
    'GET /api/v1/halls/:hallId/tickets/:ticketId/notify': async () => ({ path: `${H}/tickets/${(await followedTicket()).key}/notify` }),
    // A number of its own each time: codes per number per day are limited.
    'POST /api/v1/halls/:hallId/tickets/:ticketId/notify': async () => {
      const t = await followedTicket();
      return { path: `${H}/tickets/${t.key}/notify`, body: { phone: nextPhone() }, headers: { 'x-qms-socket': t.socketId, 'x-forwarded-for': nextAddress() } };
    },
    // A ticket whose page asked for a code: the code texted (read off the test's SMS gateway).
    'POST /api/v1/halls/:hallId/tickets/:ticketId/notify/confirm': async () => {
      const t = withCredential(await as('admin', 'POST', `${H}/tickets`, { areaId: 'tax' })) as { id: string; key: string };
      const socketId = await follow(t.key);
      const phone = nextPhone();
      await ok(
        srv.request('POST', `${H}/tickets/${t.key}/notify`, { body: { phone }, headers: { 'x-qms-socket': socketId, 'x-forwarded-for': nextAddress() } }),
        'code for the confirm row',
      );
      const code = sms.received
        .map((r) => JSON.parse(r.body) as { to: string; template: string; params: { code: string } })
        .find((m) => m.template === 'code' && m.to === phone)!.params.code;
      return { path: `${H}/tickets/${t.key}/notify/confirm`, body: { code } };
    },
    'DELETE /api/v1/halls/:hallId/tickets/:ticketId/notify': async () => ({ path: `${H}/tickets/${(await followedTicket()).key}/notify` }),
    'GET /api/v1/halls/:hallId/notifications': async () => ({ path: `${H}/notifications` }),
    'GET /api/v1/halls/:hallId/windows/:windowId': async () => ({ path: `${H}/windows/1` }),
    'POST /api/v1/halls/:hallId/windows/:windowId/sign-in': async () => {
      await resetWindow(W);
      return { path: `${H}/windows/${W}/sign-in`, body: {} };
    },
    'POST /api/v1/halls/:hallId/windows/:windowId/sign-out': async () => (await staffed('open'), { path: `${H}/windows/${W}/sign-out`, body: {} }),
    'POST /api/v1/halls/:hallId/windows/:windowId/call-next': async () => {
      await staffed('open');
      await as('admin', 'POST', `${H}/tickets`, { areaId: 'insurance' });
      return { path: `${H}/windows/${W}/call-next`, body: {} };
    },
    'POST /api/v1/halls/:hallId/windows/:windowId/call': async () => {
      await staffed('open');
      const { ticket } = await as('admin', 'POST', `${H}/tickets`, { areaId: 'insurance' });
      return { path: `${H}/windows/${W}/call`, body: { number: ticket.number } };
    },
    'POST /api/v1/halls/:hallId/windows/:windowId/recall': async () => (await staffed('called'), { path: `${H}/windows/${W}/recall`, body: {} }),
    'POST /api/v1/halls/:hallId/windows/:windowId/start': async () => (await staffed('called'), { path: `${H}/windows/${W}/start`, body: {} }),
    'POST /api/v1/halls/:hallId/windows/:windowId/complete': async () => (await staffed('called'), { path: `${H}/windows/${W}/complete`, body: {} }),
    'POST /api/v1/halls/:hallId/windows/:windowId/no-show': async () => (await staffed('called'), { path: `${H}/windows/${W}/no-show`, body: {} }),
    'POST /api/v1/halls/:hallId/windows/:windowId/undo-no-show': async () => {
      await staffed('called');
      const { ticket } = await as(W_CLERK, 'POST', `${H}/windows/${W}/no-show`);
      return { path: `${H}/windows/${W}/undo-no-show`, body: { ticketId: ticket.id } };
    },
    'GET /api/v1/halls/:hallId/windows/:windowId/next-up': async () => (await staffed('open'), { path: `${H}/windows/${W}/next-up?limit=3` }),
    'POST /api/v1/halls/:hallId/windows/:windowId/transfer': async () => (
      await staffed('called'),
      { path: `${H}/windows/${W}/transfer`, body: { areaId: 'police' } }
    ),
    'POST /api/v1/halls/:hallId/windows/:windowId/park': async () => (await staffed('called'), { path: `${H}/windows/${W}/park`, body: { reason: '补材料' } }),
    'POST /api/v1/halls/:hallId/windows/:windowId/resume-parked': async () => {
      await staffed('called');
      const { window } = await as(W_CLERK, 'POST', `${H}/windows/${W}/park`, { reason: '补材料' });
      return { path: `${H}/windows/${W}/resume-parked`, body: { ticketId: window.parked.at(-1).id } };
    },
    'POST /api/v1/halls/:hallId/windows/:windowId/pause': async () => (
      await staffed('open'),
      { path: `${H}/windows/${W}/pause`, body: { reason: '设备维护' } }
    ),
    'POST /api/v1/halls/:hallId/windows/:windowId/resume': async () => (await staffed('paused'), { path: `${H}/windows/${W}/resume`, body: {} }),
    'POST /api/v1/halls/:hallId/windows/:windowId/areas': async () => ({ path: `${H}/windows/17/areas`, body: { areaIds: ['insurance'] } }),
    'GET /api/v1/halls/:hallId/calendar': async () => ({ path: `${H}/calendar?from=${TODAY}&to=2026-12-08` }),
    'GET /api/v1/halls/:hallId/appointments/slots': async () => ({ path: `${H}/appointments/slots?date=${TOMORROW}&areaId=estate` }),
    'GET /api/v1/halls/:hallId/appointments/places': async () => ({ path: `${H}/appointments/places?from=${TODAY}&to=${TOMORROW}&areaId=estate` }),
    // A number of its own each time too: bookings per number per day are limited.
    'POST /api/v1/halls/:hallId/appointments': async () => ({
      path: `${H}/appointments`,
      body: { ...(await freeSlot()), phone: nextPhone() },
      headers: { 'x-forwarded-for': nextAddress() },
    }),
    'POST /api/v1/halls/:hallId/appointments/:code/cancel': async () => ({
      path: `${H}/appointments/${await booked()}/cancel`,
      body: {},
      headers: { 'x-forwarded-for': nextAddress() },
    }),
    'GET /api/v1/halls/:hallId/appointments': async () => ({ path: `${H}/appointments?date=${TOMORROW}` }),
    'GET /api/v1/halls/:hallId/stats': async () => ({ path: `${H}/stats?from=${TODAY}&to=${TODAY}` }),
    'GET /api/v1/halls/:hallId/stats.csv': async () => ({ path: `${H}/stats.csv?from=${TODAY}&to=${TODAY}` }),
    'GET /api/v1/halls/:hallId/best-time': async () => ({ path: `${H}/best-time?areaId=estate` }),
    'GET /api/v1/halls/:hallId/forecast': async () => ({ path: `${H}/forecast` }),
    'GET /api/v1/halls/:hallId/staffing': async () => ({ path: `${H}/staffing` }),
    'GET /api/v1/halls/:hallId/staffing.csv': async () => ({ path: `${H}/staffing.csv` }),
    'POST /api/v1/halls/:hallId/what-if': async () => ({ path: `${H}/what-if`, body: { action: 'open', windowId: '2', areaId: 'invest' } }),
    // The report of hall yuxi: a city manager's own hall is one they cover.
    'GET /api/v1/reports/halls': async () => ({ path: `/api/v1/reports/halls?from=${TODAY}&to=${TODAY}&hallIds=yuxi` }),
    'GET /api/v1/reports/halls.csv': async () => ({ path: `/api/v1/reports/halls.csv?from=${TODAY}&to=${TODAY}&hallIds=yuxi` }),
    'GET /api/v1/halls/:hallId/overview': async () => ({ path: `${H}/overview` }),
    'POST /api/v1/halls/:hallId/hours/extend': async () => ({ path: `${H}/hours/extend`, body: { until: '18:30' } }),
    'GET /api/v1/halls/:hallId/honours': async () => ({ path: `${H}/honours?from=${TODAY}&to=${TODAY}` }),
    'GET /api/v1/halls/:hallId/trail': async () => ({ path: `${H}/trail?number=${(await waitingTicket()).number}` }),
    'GET /api/v1/halls/:hallId/ratings/follow-ups': async () => ({ path: `${H}/ratings/follow-ups` }),
    'GET /api/v1/halls/:hallId/ratings/:ticketId/contact': async () => ({ path: `${H}/ratings/${(await ratedTicket()).id}/contact?day=${TODAY}` }),
    'GET /api/v1/halls/:hallId/windows/:windowId/rating-prompt': async () => ({ path: `${H}/windows/${W}/rating-prompt` }),
    'POST /api/v1/halls/:hallId/ratings/:ticketId/follow-up': async () => ({
      path: `${H}/ratings/${(await ratedTicket()).id}/follow-up`,
      body: { day: TODAY, note: '已电话回访，群众表示理解', resolved: false },
    }),
    'GET /api/v1/admin/halls/:hallId/catalogue': async () => ({ path: `/api/v1/admin/halls/yuxi/catalogue` }),
    'POST /api/v1/admin/halls/:hallId/catalogue/import': async () => ({
      path: `/api/v1/admin/halls/yuxi/catalogue/import?dryRun=1`,
      body: 'code,name,area\nestate-02,不动产转移登记（存量房买卖）,estate\n',
      headers: { 'content-type': 'text/csv' },
    }),
    'POST /api/v1/admin/halls/:hallId/catalogue/restore': async () => {
      // Bringing back the current version: a new version with the same items, harmless to repeat.
      const current = await as('admin', 'GET', '/api/v1/admin/halls/yuxi/catalogue');
      return { path: '/api/v1/admin/halls/yuxi/catalogue/restore', body: { version: current.version } };
    },
    'PATCH /api/v1/admin/halls/:hallId/catalogue/:code': async () => ({ path: `/api/v1/admin/halls/yuxi/catalogue/estate-02`, body: { enabled: true } }),
    'GET /api/v1/admin/halls/:hallId/config': async () => ({ path: '/api/v1/admin/halls/yuxi/config' }),
    'PUT /api/v1/admin/halls/:hallId/config': async () => {
      const current = await as('admin', 'GET', '/api/v1/admin/halls/yuxi/config');
      return { path: '/api/v1/admin/halls/yuxi/config', body: { hall: current.hall }, headers: { 'if-match': String(current.version) } };
    },
    'GET /api/v1/admin/halls': async () => ({ path: '/api/v1/admin/halls' }),
    'POST /api/v1/admin/halls': async () => ({ path: '/api/v1/admin/halls', body: { hall: await newHall() } }),
    'POST /api/v1/admin/halls/:hallId/retire': async () => {
      const hall = await newHall();
      await as('admin', 'POST', '/api/v1/admin/halls', { hall });
      return { path: `/api/v1/admin/halls/${hall.id}/retire`, body: {} };
    },
    'GET /api/v1/admin/changes': async () => ({ path: '/api/v1/admin/changes?hallId=yuxi' }),
    'GET /api/v1/admin/official-calendar': async () => ({ path: '/api/v1/admin/official-calendar?year=2027' }),
    'POST /api/v1/admin/webhooks': async () => ({ path: '/api/v1/admin/webhooks', body: webhookBody(['ticket.completed']) }),
    'GET /api/v1/admin/webhooks': async () => ({ path: '/api/v1/admin/webhooks' }),
    'DELETE /api/v1/admin/webhooks/:id': async () => ({
      path: `/api/v1/admin/webhooks/${(await as('admin', 'POST', '/api/v1/admin/webhooks', webhookBody(['rating.submitted']))).webhook.id}`,
    }),
    'GET /api/v1/admin/webhooks/:id/deliveries': async () => ({ path: `/api/v1/admin/webhooks/${await webhook()}/deliveries` }),
    'GET /api/v1/audit': async () => ({ path: '/api/v1/audit?limit=5' }),
    'POST /api/v1/admin/webhooks/:id/deliveries/:deliveryId/replay': async () => {
      const { id, deliveryId } = await delivery();
      return { path: `/api/v1/admin/webhooks/${id}/deliveries/${deliveryId}/replay`, body: {} };
    },
  };

  /** A fresh small hall, modelled on tonghai. */
  let hallsMade = 0;
  const newHall = async () => {
    const { hall } = await as('admin', 'GET', '/api/v1/admin/halls/tonghai/config');
    return { ...hall, id: `matrix-${++hallsMade}`, name: `矩阵测试${hallsMade}`, devices: [] };
  };

  beforeAll(async () => {
    redis = await RedisProcess.start();
    printer = await VirtualPrinter.start();
    sms = await HttpReceiver.start();
    srv = await startServer({
      store: 'redis',
      redisUrl: redis.url,
      env: {
        QMS_CLOCK_START: CLOCK_START,
        QMS_KIOSK_TICKETS_PER_MINUTE: '1000',
        QMS_DEMO_PRINTER: printer.address,
        QMS_DATA_KEY: 'a'.repeat(64),
        QMS_SMS_URL: `${sms.url}/sms`,
      },
    });
    // A city manager over tonghai only, with a password of their own (a made account's one-time password must be changed).
    const made = await as('admin', 'POST', '/api/v1/admin/accounts', {
      id: 'city-tonghai',
      name: '通海片区',
      role: 'city_manager',
      hallId: null,
      hallIds: ['tonghai'],
    });
    const first = await srv.login('city-tonghai', made.oneTimePassword);
    await ok(
      srv.request('POST', '/api/v1/auth/password', { token: first, body: { oldPassword: made.oneTimePassword, newPassword: PASSWORDS['city-tonghai'] } }),
      'city-tonghai password',
    );
    await srv.login('city-tonghai', PASSWORDS['city-tonghai']);
  });
  afterAll(async () => {
    for (const p of phones) p.disconnect();
    await srv?.close();
    await printer?.close();
    await sms?.close();
    await redis?.stop();
  });

  it('the table lists exactly the routes the server answers', () => {
    const printed = srv.app.printRoutes({ commonPrefix: false });
    const served = [...printed.matchAll(/\(([A-Z, ]+)\)$/gm)].flatMap((m) => m[1]!.split(', ')).filter((m) => m !== 'HEAD');
    expect(ROUTES.filter((r) => !srv.app.hasRoute({ method: r.method, url: r.path })).map(routeName), 'in the table, not on the server').toEqual([]);
    expect(new Set(ROUTES.map(routeName)).size, 'a route twice in the table').toBe(ROUTES.length);
    expect(served.length, `the server has routes the table lacks:\n${printed}`).toBe(ROUTES.length);
    expect(Object.keys(REQUESTS).sort()).toEqual(ROUTES.map(routeName).sort());
  });

  it('answers every cell as the table says: 2xx, 401 unauthorized or 403 forbidden', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const rule of ROUTES) {
      for (const role of ROLES) {
        for (const hall of ['own', 'other'] as const) {
          const actor = ACTORS[hall][role];
          const cell: Cell = { rule, role, hall, actor };
          const req = await REQUESTS[routeName(rule)]!(cell);
          const res = await srv.request(rule.method, req.path, {
            token: req.token ?? (actor ? await srv.login(actor) : undefined),
            body: req.body,
            headers: req.headers,
          });
          cells++;
          const expected = expectedStatus(rule.access[role], hall);
          const code = typeof res.body === 'object' && res.body !== null ? (res.body as { error?: { code?: string } }).error?.code : undefined;
          const good =
            expected === '2xx' ? res.status >= 200 && res.status < 300 : res.status === expected && code === (expected === 401 ? 'unauthorized' : 'forbidden');
          if (!good) wrong.push(`${routeName(rule)} as ${role} (${actor ?? 'no token'}, ${hall} hall): expected ${expected}, got ${res.status} ${code ?? ''}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBe(ROUTES.length * ROLES.length * 2);
  }, 420_000);
});
