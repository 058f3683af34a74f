import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HALLS } from '../../server/config/demo-halls';
import type { HallConfig } from '../../server/domain/types';
import { RecordingAnnouncer } from '../../server/voice/recording-announcer';
import { RedisProcess } from '../support/redis';
import { startServer, type StoreKind, type TestServer } from '../support/server';
import { withCredential } from '../support/credentials';

const Y = '/api/v1/halls/yuxi';
const T = '/api/v1/halls/tonghai';
const token = randomBytes(6).toString('hex');
const PWNED = [`/tmp/pwned-${token}-1`, `/tmp/pwned-${token}-2`];
const NASTY_1 = `$(touch ${PWNED[0]})`;
const NASTY_2 = `"; touch ${PWNED[1]}; "`;

/** The demo halls as a real config file: yuxi's police calls on their own speakers; tonghai speaks
 * Chinese and English, once, names its windows (two of them maliciously) and has no server speakers. */
function writeConfig(dir: string): string {
  const [yuxi, tonghai] = DEMO_HALLS.map((h) => structuredClone(h)) as [HallConfig, HallConfig];
  yuxi.voice = { zones: [{ id: 'upstairs', areaIds: ['police'] }] };
  tonghai.voice = { windowName: true, locales: ['zh-CN', 'en'], repeats: 1, speaker: false };
  tonghai.windows[0]!.name = NASTY_1;
  tonghai.windows[1]!.name = NASTY_2;
  const path = join(dir, 'halls.json');
  writeFileSync(path, JSON.stringify({ halls: [yuxi, tonghai] }));
  return path;
}

/** RMS of 16-bit PCM after the 44-byte header, 0–1. */
function rmsOf(wav: Buffer): number {
  let sum = 0;
  const n = (wav.length - 44) / 2;
  for (let i = 0; i < n; i++) sum += (wav.readInt16LE(44 + i * 2) / 32768) ** 2;
  return Math.sqrt(sum / n);
}

describe.each<StoreKind>(['embedded', 'redis'])('announcements on the %s store', (store) => {
  let redis: RedisProcess | undefined;
  let srv: TestServer;
  let dir: string;
  const recorder = new RecordingAnnouncer();
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    if (store === 'redis') redis = await RedisProcess.start();
    dir = mkdtempSync(join(tmpdir(), 'qms-voice-api-'));
    srv = await startServer({
      store,
      redisUrl: redis?.url,
      env: { QMS_CONFIG: writeConfig(dir), QMS_PUBLIC_URL: 'https://qms.example.cn', QMS_DEMO: '1' },
      extra: { announcer: recorder },
    });
  });
  afterAll(async () => {
    recorder.hold = false;
    for (let i = 0; i < 50; i++) recorder.release();
    await srv?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
    for (const p of PWNED) rmSync(p, { force: true });
    console.info(`announcement timings (${store}):`, timings);
  });

  /** The ticket, with `key`: the credential its QR code carries (what a phone names it by). */
  const issue = async (hall: string, as: string, areaId: string) => withCredential(await srv.post(`${hall}/tickets`, as, { areaId }, 201));
  const wav = (path: string, headers: Record<string, string> = {}) => fetch(srv.url + path, { headers });

  it('says what is shown: 请B001号到11号窗口办理, and the speech form with numbers read as a person would', async () => {
    const ticket = await issue(Y, 'kiosk01', 'estate');
    await srv.post(`${Y}/windows/11/sign-in`, 'clerk11');
    const called = await srv.post(`${Y}/windows/11/call-next`, 'clerk11');
    expect(called.ticket.id).toBe(ticket.id);

    const res = await srv.request('GET', `${Y}/tickets/${ticket.key}/announcement`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      number: ticket.number,
      windowNumber: 11,
      zone: 'hall',
      text: `请${ticket.number}号到11号窗口办理`,
      speech: `请B${[...ticket.number.slice(1)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}号到十一号窗口办理`,
      parts: [{ locale: 'zh-CN', text: `请${ticket.number}号到11号窗口办理`, speech: expect.stringContaining('十一号窗口') }],
    });
  });

  it('serves the call as a WAV a browser can play, chime first, ready within a second of the call', async () => {
    const ticket = await issue(Y, 'kiosk01', 'estate');
    await srv.post(`${Y}/windows/3/sign-in`, 'clerk03');
    await srv.post(`${Y}/windows/3/call-next`, 'clerk03');
    const afterCall = performance.now();
    const res = await wav(`${Y}/tickets/${ticket.key}/announcement.wav`);
    const body = Buffer.from(await res.arrayBuffer());
    timings.firstWavMs = Math.round(performance.now() - afterCall);
    expect(timings.firstWavMs).toBeLessThan(1000);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(body.toString('ascii', 0, 4)).toBe('RIFF');
    expect(body.toString('ascii', 8, 12)).toBe('WAVE');
    expect([body.readUInt16LE(20), body.readUInt16LE(22), body.readUInt16LE(34)]).toEqual([1, 1, 16]); // PCM, mono, 16-bit
    const seconds = (body.length - 44) / 2 / body.readUInt32LE(24);
    expect(seconds).toBeGreaterThan(1.5);
    expect(seconds).toBeLessThan(20);
    expect(rmsOf(body)).toBeGreaterThan(0.05);
    // Chime first: its 659 Hz tone fills the first 0.4 s (zero crossings ≈ 2 × 659 per second).
    let crossings = 0;
    const rate = body.readUInt32LE(24);
    for (let i = 1; i < 0.4 * rate; i++) if (Math.sign(body.readInt16LE(44 + i * 2)) !== Math.sign(body.readInt16LE(42 + i * 2))) crossings++;
    expect(crossings / 0.4).toBeGreaterThan(2 * 600);
    expect(crossings / 0.4).toBeLessThan(2 * 720);

    const path = join(dir, 'served.wav');
    writeFileSync(path, body);
    expect(Number(spawnSync('soxi', ['-D', path], { encoding: 'utf8' }).stdout)).toBeCloseTo(seconds, 2);

    const again = performance.now();
    const second = await wav(`${Y}/tickets/${ticket.key}/announcement.wav`);
    expect(Buffer.from(await second.arrayBuffer()).equals(body)).toBe(true);
    timings.cachedWavMs = Math.round(performance.now() - again);
    const notModified = await wav(`${Y}/tickets/${ticket.key}/announcement.wav`, { 'if-none-match': res.headers.get('etag')! });
    expect(notModified.status).toBe(304);
    expect((await notModified.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers 404 for an unknown or uncalled ticket, 400 for a malformed id, per hall', async () => {
    const waiting = await issue(Y, 'kiosk01', 'fund');
    // 404s answer the contract's `not_found`, with the specific refusal as `reason`.
    const cases: Array<[string, number, string]> = [
      [`${Y}/tickets/nosuchticket/announcement`, 404, 'ticket_not_found'],
      [`${Y}/tickets/nosuchticket/announcement.wav`, 404, 'ticket_not_found'],
      [`${Y}/tickets/${waiting.key}/announcement`, 404, 'not_found'],
      [`${Y}/tickets/${waiting.key}/announcement.wav`, 404, 'not_found'],
      [`${T}/tickets/${waiting.key}/announcement`, 404, 'ticket_not_found'],
      ['/api/v1/halls/nowhere/tickets/abc/announcement', 404, 'hall_not_found'],
      [`${Y}/tickets/bad$id/announcement.wav`, 400, 'invalid_request'],
    ];
    for (const [path, status, code] of cases) {
      const res = await srv.request('GET', path);
      const error = res.body?.error;
      expect({ path, status: res.status, code: error?.reason ?? error?.code }).toEqual({ path, status, code });
      if (status === 404) expect(error.code).toBe('not_found');
    }
  });

  it("is public like the ticket view: the credential is the secret, so a plain <audio src> can play it; the hall's screens may use the id", async () => {
    const ticket = await issue(Y, 'kiosk01', 'estate');
    expect(ticket.key).not.toBe(ticket.id);
    await srv.post(`${Y}/windows/4/sign-in`, 'clerk04');
    await srv.post(`${Y}/windows/4/call-next`, 'clerk04');
    for (const as of [undefined, 'display01', 'tonghai-display01']) {
      const res = await srv.request('GET', `${Y}/tickets/${ticket.key}/announcement`, { as });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(ticket.id);
    }
    expect((await wav(`${Y}/tickets/${ticket.key}/announcement.wav`)).status).toBe(200);
    // The id the hall's events carry opens the call only to a token of this hall (the wall board).
    expect((await srv.request('GET', `${Y}/tickets/${ticket.id}/announcement`, { as: 'display01' })).status).toBe(200);
    for (const as of [undefined, 'tonghai-display01']) {
      expect((await srv.request('GET', `${Y}/tickets/${ticket.id}/announcement`, { as })).status).toBe(404);
    }
    expect((await wav(`${Y}/tickets/${ticket.id}/announcement.wav`)).status).toBe(404);
  });

  it('says a recall again with the same audio, and follows a transferred ticket to its next window', async () => {
    const ticket = await issue(Y, 'kiosk01', 'estate');
    await srv.post(`${Y}/windows/5/sign-in`, 'clerk05');
    await srv.post(`${Y}/windows/5/call-next`, 'clerk05');
    await srv.post(`${Y}/windows/5/recall`, 'clerk05');
    const mine = async (count: number) => {
      // Every call before these was queued earlier on the same line, so waiting for this ticket's count is enough.
      for (let n = recorder.calls.length; ; n++) {
        await recorder.started(n);
        const found = recorder.calls.filter((c) => c.call.ticketId === ticket.id);
        if (found.length >= count) return found;
      }
    };
    const [call, recall] = await mine(2);
    expect([call!.call.kind, recall!.call.kind]).toEqual(['call', 'recall']);
    expect(recall!.call.announcement.text).toBe(`请${ticket.number}号到5号窗口办理`);
    expect(recall!.call.wav.equals(call!.call.wav)).toBe(true);

    await srv.post(`${Y}/windows/5/transfer`, 'clerk05', { areaId: 'tax' });
    expect((await srv.request('GET', `${Y}/tickets/${ticket.key}/announcement`)).body.error.code).toBe('not_found');
    await srv.post(`${Y}/windows/9/sign-in`, 'clerk09');
    expect((await srv.post(`${Y}/windows/9/call-next`, 'clerk09')).ticket.id).toBe(ticket.id);
    expect((await srv.get(`${Y}/tickets/${ticket.key}/announcement`)).text).toBe(`请${ticket.number}号到9号窗口办理`);
  });

  it('says a burst of ten calls one after another, in the order they were made', async () => {
    recorder.hold = true;
    const before = recorder.calls.length;
    const windows = ['6', '10', '12', '13', '14'];
    const areaOf: Record<string, string> = { '6': 'estate', '10': 'tax', '12': 'business', '13': 'business', '14': 'fund' };
    const clerk = (w: string) => `clerk${w.padStart(2, '0')}`;
    for (const w of windows) {
      await srv.post(`${Y}/windows/${w}/sign-in`, clerk(w));
      await issue(Y, 'kiosk01', areaOf[w]!);
      await issue(Y, 'kiosk01', areaOf[w]!);
    }
    const order: string[] = [];
    const ids = new Set<string>();
    for (let round = 0; round < 2; round++) {
      for (const w of windows) {
        if (round > 0) await srv.post(`${Y}/windows/${w}/complete`, clerk(w));
        const { ticket } = await srv.post(`${Y}/windows/${w}/call-next`, clerk(w));
        order.push(ticket.number);
        ids.add(ticket.id);
      }
    }
    expect(order).toHaveLength(10);
    // Release one call at a time (calls made before the burst may still be ahead in the line).
    const inBurst = () => recorder.calls.filter((c) => ids.has(c.call.ticketId));
    for (let n = before + 1, done = false; !done; n++) {
      await recorder.started(n);
      expect(recorder.inProgress.filter((c) => c.call.zone === 'hall' && c.call.hallId === 'yuxi')).toHaveLength(1);
      done = inBurst().length === 10;
      if (done) recorder.hold = false;
      recorder.release();
    }
    const burst = inBurst();
    expect(burst.map((c) => c.call.announcement.number)).toEqual(order);
    for (let i = 1; i < 10; i++) expect(burst[i]!.startedAt).toBeGreaterThanOrEqual(burst[i - 1]!.endedAt!);
    expect(recorder.maxOverlap).toBe(1);
  });

  it('lets the police zone speak while the hall zone is still speaking', async () => {
    recorder.hold = true;
    const before = recorder.calls.length;
    await issue(Y, 'kiosk01', 'invest');
    await srv.post(`${Y}/windows/1/sign-in`, 'clerk01');
    await srv.post(`${Y}/windows/1/call-next`, 'clerk01');
    await recorder.started(before + 1);
    const police = await issue(Y, 'kiosk01', 'police');
    await srv.post(`${Y}/windows/19/sign-in`, 'clerk19');
    await srv.post(`${Y}/windows/19/call-next`, 'clerk19');
    await recorder.started(before + 2);
    expect(recorder.inProgress.map((c) => c.call.zone)).toEqual(['hall', 'upstairs']);
    expect((await srv.get(`${Y}/tickets/${police.key}/announcement`)).zone).toBe('upstairs');
    recorder.hold = false;
    recorder.release();
    recorder.release();
  });

  it('speaks configured names with quotes and $(…) without running anything, in Chinese then English', async () => {
    const before = recorder.calls.length;
    for (const [w, name] of [
      ['1', NASTY_1],
      ['2', NASTY_2],
    ] as const) {
      const ticket = await issue(T, 'tonghai-kiosk01', 'estate');
      await srv.post(`${T}/windows/${w}/sign-in`, `tonghai-clerk0${w}`);
      await srv.post(`${T}/windows/${w}/call-next`, `tonghai-clerk0${w}`);
      const a = await srv.get(`${T}/tickets/${ticket.key}/announcement`);
      expect(a.speech).toBe(`请B零零${w === '1' ? '一' : '二'}号到${name}${w === '1' ? '一' : '二'}号窗口办理`);
      expect(a.parts.map((p: { locale: string }) => p.locale)).toEqual(['zh-CN', 'en']);
      expect(a.parts[1].text).toBe(`Number ${ticket.number}, please go to window ${w}.`);
      const res = await wav(`${T}/tickets/${ticket.key}/announcement.wav`);
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.status).toBe(200);
      expect(rmsOf(body)).toBeGreaterThan(0.05);
    }
    for (const p of PWNED) expect(existsSync(p), `${p} must not exist`).toBe(false);

    // tonghai has no speakers on this server: its calls reach boards only. A yuxi call made after
    // them is said; had tonghai's been queued they would have been said by then too.
    await issue(Y, 'kiosk01', 'utility');
    await srv.post(`${Y}/windows/7/sign-in`, 'clerk07');
    await srv.post(`${Y}/windows/7/call-next`, 'clerk07');
    const started = await recorder.started(before + 1);
    expect(started.slice(before).map((c) => c.call.hallId)).toEqual(['yuxi']);
    expect(recorder.calls.some((c) => c.call.hallId === 'tonghai')).toBe(false);
  });
});
