/**
 * A hall server (as `server/main.ts` builds it) that, once listening, lives through a busy day in
 * every hall it serves, so the benchmark can measure `/metrics` after it: in each hall one clerk
 * per area signs in, a ticket is issued in every area, every window calls, starts and completes
 * until no one waits, one citizen does not show (the halls' policy lets the no-show be marked at
 * once: the day is compressed into seconds), and five ratings (one of each score) come in.
 * The requests go through the whole HTTP stack in-process (`app.inject`) with tokens the server
 * signs itself (1,300 halls' sign-ins would be 1,300 scrypt hashes, not what is measured here).
 * Prints `DAY {json}` when the day is over.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/build-app';
import { loadSettings } from '../../server/config/settings';
import type { HallConfig } from '../../server/domain/types';

const CONCURRENT_HALLS = 16;

async function busyDay(app: FastifyInstance, hall: HallConfig): Promise<number> {
  let requests = 0;
  const token = (accountId: string) => {
    const account = app.qms.accounts.get(accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    return app.signToken(account);
  };
  const call = async (as: string, path: string, body: unknown = {}) => {
    requests++;
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/halls/${hall.id}${path}`,
      headers: { authorization: `Bearer ${as}` },
      payload: body as object,
    });
    return { status: res.statusCode, body: res.json<any>() };
  };
  const kiosk = await token(hall.devices.find((d) => d.kind === 'kiosk')!.id);
  const rating = await token(hall.devices.find((d) => d.kind === 'rating')!.id);
  const clerks = hall.staff.filter((s) => s.role === 'clerk').map((s) => s.id);
  // One window for each area, staffed by its clerk (clerk NN at window NN, the demo's convention).
  const staffed = new Map<string, string>();
  for (const area of hall.areas) {
    const w = hall.windows.find((w) => w.areaIds.includes(area.id));
    if (!w || staffed.has(w.id)) continue;
    const clerk = clerks.find((c) => c.endsWith(`clerk${String(w.number).padStart(2, '0')}`));
    if (!clerk) continue;
    const t = await token(clerk);
    if ((await call(t, `/windows/${w.id}/sign-in`)).status === 200) staffed.set(w.id, t);
  }
  for (const area of hall.areas) await call(kiosk, '/tickets', { areaId: area.id });
  const served: string[] = [];
  for (const [windowId, t] of staffed) {
    // At most every ticket issued; an answer without a ticket means no one waits for this window.
    for (let i = 0; i < hall.areas.length; i++) {
      const called = await call(t, `/windows/${windowId}/call-next`);
      if (called.status !== 200 || !called.body?.ticket) break;
      await call(t, `/windows/${windowId}/start`);
      const done = await call(t, `/windows/${windowId}/complete`);
      const id = done.body?.ticket?.id ?? called.body?.ticket?.id;
      if (typeof id === 'string') served.push(id);
    }
  }
  const [firstWindow, firstToken] = [...staffed][0] ?? [];
  if (firstWindow && firstToken) {
    await call(kiosk, '/tickets', { areaId: hall.windows.find((w) => w.id === firstWindow)!.areaIds[0] });
    if ((await call(firstToken, `/windows/${firstWindow}/call-next`)).status === 200) {
      // The halls' policy (province-metrics.ts) lets a no-show be marked at once; a refusal is a broken day.
      const absent = await call(firstToken, `/windows/${firstWindow}/no-show`);
      if (absent.status !== 200) throw new Error(`no-show in ${hall.id}: ${absent.status} ${JSON.stringify(absent.body)}`);
    }
  }
  for (let score = 1; score <= 5 && score <= served.length; score++) await call(rating, `/tickets/${served[score - 1]}/rating`, { score });
  return requests;
}

const settings = loadSettings();
const app = await buildApp({ settings });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
await app.listen({ port: settings.port, host: settings.host });

const started = performance.now();
const halls = app.qms.service.halls();
let next = 0;
let requests = 0;
await Promise.all(
  Array.from({ length: CONCURRENT_HALLS }, async () => {
    while (next < halls.length) {
      const n = await busyDay(app, halls[next++]!);
      requests += n; // after the await: `requests += await …` would add to a stale total
    }
  }),
);
console.log(`DAY ${JSON.stringify({ halls: halls.length, requests, seconds: (performance.now() - started) / 1000 })}`);
