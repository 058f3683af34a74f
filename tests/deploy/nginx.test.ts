/**
 * The shipped nginx site (deploy/nginx/qms.conf) on real nginx in front of two real nodes on one
 * Redis, with the wall board and the counter in real Chromium going through it: a call at the
 * counter reaches the board; the node holding the screens' live connections is killed and the
 * screens reconnect through nginx to the other node, and the next call still arrives. Also: page
 * assets are cached by nginx, the usual hand-written `proxy_set_header Host $host;` (which drops
 * the port) still connects, and a page from a foreign origin is refused with one warn line.
 */
import type { Browser } from 'playwright-core';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { NginxProcess } from '../support/nginx';
import { call, login } from '../support/node-http';
import { signIn, withoutExpectedNetworkLines } from '../support/screens';
import { twoNodesOnOneRedis } from '../support/two-nodes';

const H = '/api/v1/halls/yuxi';

describe('two nodes behind nginx with deploy/nginx/qms.conf', () => {
  const nodes = twoNodesOnOneRedis();
  let nginx: NginxProcess;
  let browser: Browser;

  beforeAll(async () => {
    nginx = await NginxProcess.start([nodes.a.port, nodes.b.port]);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
  });

  /** The node that nginx's sticky socket upstream gives this machine's clients (ip_hash on 127.0.0.1). */
  let probes = 0;
  async function socketNode() {
    const probe = `probe=${++probes}`;
    await fetch(`${nginx.url}/socket.io/?EIO=4&transport=polling&${probe}`);
    let line: string | undefined;
    await vi.waitFor(() => {
      line = nginx.accessLog().find((l) => l.includes(`${probe} 200`));
      expect(line).toBeDefined();
    });
    const upstream = line!.split(' ').at(-1)!;
    return upstream.endsWith(`:${nodes.a.port}`) ? nodes.a : nodes.b;
  }

  it('serves pages and API through nginx, and keeps a copy of the hashed assets', async () => {
    const html = await (await fetch(`${nginx.url}/display/hall?hall=yuxi`)).text();
    const asset = /\/assets\/[^"']+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const first = await fetch(nginx.url + asset);
    const second = await fetch(nginx.url + asset);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.headers.get('x-cache-status')).toBe('MISS');
    expect(second.headers.get('x-cache-status')).toBe('HIT');
    expect(second.headers.get('cache-control')).toContain('immutable');
    // Plain HTTP is spread over both nodes.
    for (let i = 0; i < 4; i++) expect((await fetch(`${nginx.url}/healthz`)).status).toBe(200);
    const upstreams = new Set(
      nginx
        .accessLog()
        .filter((l) => l.startsWith('/healthz'))
        .map((l) => l.split(' ').at(-1)),
    );
    expect(upstreams).toEqual(new Set([`127.0.0.1:${nodes.a.port}`, `127.0.0.1:${nodes.b.port}`]));
  });

  it('carries a call from the counter to the board, and again after the node holding the screens is killed', async () => {
    const kiosk = await login(nginx.url, 'kiosk01');
    const issue = async () => {
      const res = await call(nginx.url, 'POST', `${H}/tickets`, kiosk, { areaId: 'estate' });
      expect(res.status).toBe(201);
      return res.body.ticket.number as string;
    };
    const first = await issue();

    const board = await openPage(browser, `${nginx.url}/display/hall?hall=yuxi`);
    await signIn(board.page, 'display01');
    const counter = await openPage(browser, `${nginx.url}/counter?hall=yuxi&window=3`);
    await signIn(counter.page, 'clerk03');
    await counter.page.getByRole('button', { name: '签到开窗' }).click();
    await counter.page.getByRole('button', { name: '呼叫下一位' }).click();
    await board.page.locator(`qms-hall-board .latest-call[data-number="${first}"]`).waitFor();
    const banner = board.page.locator('qms-connection-banner .offline-banner');
    expect(await banner.count()).toBe(0);

    const holder = await socketNode();
    const survivor = holder === nodes.a ? nodes.b : nodes.a;
    await holder.kill();

    // The board notices, says so, and comes back by itself through nginx to the surviving node.
    await banner.waitFor({ state: 'visible', timeout: 20_000 });
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    await counter.page.locator('qms-connection-banner .offline-banner').waitFor({ state: 'detached', timeout: 30_000 });

    const second = await issue();
    await counter.page.getByRole('button', { name: '办结' }).click();
    await counter.page.getByRole('button', { name: '呼叫下一位' }).click();
    await board.page.locator(`qms-hall-board .latest-call[data-number="${second}"]`).waitFor({ timeout: 20_000 });
    await screenshot(board.page, 'nginx-board-after-failover');

    // The screens' WebSockets (status 101; logged when they closed) were on the killed node, and
    // nginx's sticky list now sends this machine's live connections to the survivor.
    const closedSockets = nginx.accessLog().filter((l) => l.startsWith('/socket.io/') && / 101 /.test(l));
    expect(closedSockets.length).toBeGreaterThanOrEqual(2);
    expect(closedSockets.every((l) => l.endsWith(`127.0.0.1:${holder.port}`))).toBe(true);
    expect(await socketNode()).toBe(survivor);
    // Nothing was refused on the way.
    expect(survivor.output.join('')).not.toContain('handshake_refused');
    expect(withoutExpectedNetworkLines(board.errors, { websocket: true })).toEqual([]);
    expect(withoutExpectedNetworkLines(counter.errors, { websocket: true, statuses: [502] })).toEqual([]);
  }, 180_000);
});

describe('a hand-written site with `proxy_set_header Host $host;` (the port dropped)', () => {
  const nodes = twoNodesOnOneRedis();
  let nginx: NginxProcess;
  let browser: Browser;

  beforeAll(async () => {
    nginx = await NginxProcess.start([nodes.a.port, nodes.b.port], (site) =>
      site.replace(/proxy_set_header Host\s+\$http_host;/, 'proxy_set_header Host $host;').replace(/\s*proxy_set_header X-Forwarded-Host\s+\$http_host;/, ''),
    );
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
  });

  it('still connects the board (the node trusts its local proxy), and refuses a foreign origin with one warn line', async () => {
    const board = await openPage(browser, `${nginx.url}/display/hall?hall=yuxi`);
    await signIn(board.page, 'display01');
    const kiosk = await login(nginx.url, 'kiosk01');
    const clerk = await login(nginx.url, 'clerk05');
    await call(nginx.url, 'POST', `${H}/windows/5/sign-in`, clerk, {});
    const issued = await call(nginx.url, 'POST', `${H}/tickets`, kiosk, { areaId: 'estate' });
    await call(nginx.url, 'POST', `${H}/windows/5/call-next`, clerk, {});
    await board.page.locator(`qms-hall-board .latest-call[data-number="${issued.body.ticket.number}"]`).waitFor();
    expect(await board.page.locator('qms-connection-banner .offline-banner').count()).toBe(0);

    // A page from elsewhere, retrying in a loop: refused every time, logged once with the reason.
    const token = await login(nginx.url, 'display01');
    for (let i = 0; i < 4; i++) {
      const socket = connect(`${nginx.url}/halls`, {
        auth: { token, hallId: 'yuxi' },
        transports: ['websocket'],
        reconnection: false,
        extraHeaders: { origin: 'http://elsewhere.example:8088' },
      });
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (err) => resolve(err.message));
      });
      socket.close();
      expect(outcome).not.toBe('connected');
    }
    const warns = await vi.waitFor(() => {
      const lines = [nodes.a, nodes.b]
        .flatMap((n) => n.output.join('').split('\n'))
        .filter((l) => l.includes('"handshake_refused"'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.length).toBeGreaterThan(0);
      return lines;
    });
    // ip_hash sends all four to one node: one line, with the Origin, the Host that reached it and the fix.
    expect(warns).toHaveLength(1);
    expect(warns[0]).toMatchObject({ level: 40, reason: 'origin_mismatch', origin: 'http://elsewhere.example:8088', host: '127.0.0.1', ip: '127.0.0.1' });
    expect(String(warns[0]!.msg)).toContain('proxy_set_header Host $http_host;');
    expect(withoutExpectedNetworkLines(board.errors, {})).toEqual([]);
  }, 120_000);
});
