/**
 * Security headers on every kind of answer (API JSON, refusals, pages, assets, not-found), and the
 * Content-Security-Policy tried for real: every page in Chromium, signed in and doing its main job
 * — the kiosk's QR code, the wall board's live socket and its announcement audio, the manager's
 * charts, the phone pages, the API reference page — with not one CSP violation and no script
 * error. Screenshots of each are kept under .test-artifacts/screenshots/security-csp-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { issueTicket, signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

describe('security headers', () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
  });
  afterAll(async () => srv?.close());

  it('are on API answers, refusals, pages, assets and not-found alike; API answers are never cached', async () => {
    const ticket = await issueTicket(srv, 'yuxi', { areaId: 'tax' });
    const page = await srv.request('GET', '/display/hall?hall=yuxi');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(String(page.body))![1]!;
    const answers = {
      'api 200': await srv.request('GET', `${H}/board`, { as: 'display01' }),
      'api 401': await srv.request('GET', `${H}/board`),
      'api 400': await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { areaId: 5 } }),
      'login 200': await srv.request('POST', '/api/v1/auth/login', { body: { username: 'clerk07', password: 'demo' } }),
      'public ticket': await srv.request('GET', `${H}/tickets/${ticket.key}`),
      page,
      'ticket page': await srv.request('GET', `/ticket/yuxi/${ticket.key}`),
      asset: await srv.request('GET', asset),
      'not found': await srv.request('GET', '/nothing/here'),
    };
    for (const [what, res] of Object.entries(answers)) {
      const h = res.headers;
      expect(res.status, what).toBeLessThan(500);
      expect(h.get('content-security-policy'), what).toBe(
        "default-src 'self';base-uri 'self';connect-src 'self' http://127.0.0.1:* http://localhost:*;font-src 'self' data:;form-action 'self';frame-ancestors 'self';" +
          "img-src 'self' data: blob:;media-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';" +
          "style-src 'self' 'unsafe-inline';worker-src 'self' blob:",
      );
      expect(h.get('x-content-type-options'), what).toBe('nosniff');
      expect(h.get('x-frame-options'), what).toBe('SAMEORIGIN');
      expect(h.get('referrer-policy'), what).toBe('no-referrer');
      expect(h.get('strict-transport-security'), what).toBe('max-age=31536000');
      expect(h.get('cross-origin-opener-policy'), what).toBe('same-origin');
      expect(h.get('cross-origin-resource-policy'), what).toBe('same-origin');
      expect(h.get('x-powered-by'), what).toBeNull();
    }
    for (const what of ['api 200', 'api 401', 'api 400', 'login 200', 'public ticket'] as const) {
      expect(answers[what].headers.get('cache-control'), what).toBe('no-store');
    }
    // Hashed assets stay cacheable; pages revalidate.
    expect(answers.asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(answers.page.headers.get('cache-control')).toBe('no-cache');
  });
});

describe('the Content-Security-Policy in Chromium: every page works under it', () => {
  let srv: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  /** A page whose CSP violations (the browser's own report events) and script errors are recorded. */
  async function open(
    path: string,
    viewport: { width: number; height: number },
  ): Promise<{ page: Page; violations: () => Promise<string[]>; errors: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(15_000);
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
      );
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    await page.goto(srv.url + path);
    return { page, errors, violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), close: () => context.close() };
  }

  const FULL_HD = { width: 1920, height: 1080 };
  const PORTRAIT = { width: 1080, height: 1920 };
  const PHONE = { width: 390, height: 844 };

  it('kiosk: signs in, takes a ticket and draws its QR code', async () => {
    const p = await open('/kiosk?hall=yuxi', PORTRAIT);
    await signIn(p.page, 'kiosk01');
    await p.page.locator('qms-kiosk button.area', { hasText: '不动产联办' }).click();
    // No estate window is open on this server: the kiosk asks before issuing.
    await p.page.getByRole('button', { name: '仍然取号，等候开窗' }).click();
    const qr = p.page.locator('qms-kiosk-ticket .qr img');
    await qr.waitFor();
    await p.page.waitForFunction(() => {
      const img = document
        .querySelector('qms-kiosk')
        ?.shadowRoot?.querySelector('qms-kiosk-ticket')
        ?.shadowRoot?.querySelector('.qr img') as HTMLImageElement | null;
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await screenshot(p.page, 'security-csp-kiosk');
    expect(await p.violations()).toEqual([]);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('wall board: live over Socket.IO, and a call is played from its announcement WAV', async () => {
    await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
    const p = await open('/display/hall?hall=yuxi', FULL_HD);
    await signIn(p.page, 'display01');
    // The test browser is started like the wall's (autoplay allowed): the voice is on without a tap.
    await p.page.getByRole('img', { name: '声音已开启' }).waitFor();
    const { ticket } = await srv.post(`${H}/windows/3/call-next`, 'clerk03');
    await p.page.locator(`qms-hall-board .latest-call[data-number="${ticket.number}"]`).waitFor();
    // The board fetched the WAV and decoded it: had CSP blocked it, it would have fallen back to the chime.
    await p.page.waitForFunction(() => ((document.querySelector('qms-hall-board') as unknown as { played: unknown[] }).played.length ?? 0) >= 1);
    const played = await p.page.evaluate(() =>
      (document.querySelector('qms-hall-board') as unknown as { played: Array<{ kind: string }> }).played.map((x) => x.kind),
    );
    expect(played[0]).toBe('announcement');
    await screenshot(p.page, 'security-csp-hall-board');
    expect(await p.violations()).toEqual([]);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('window display, counter and rating pad: signed in and live', async () => {
    const pages = [
      {
        path: '/display/window?hall=yuxi&window=3',
        user: 'display01',
        ready: (page: Page) => page.locator('qms-window-display .screen[data-status="open"]'),
        shot: 'window',
      },
      { path: '/counter?hall=yuxi&window=5', user: 'clerk05', ready: (page: Page) => page.getByRole('button', { name: '签到开窗' }), shot: 'counter' },
      { path: '/rating?hall=yuxi&window=3', user: 'rating01', ready: (page: Page) => page.locator('qms-rating-pad .pad[data-stage="idle"]'), shot: 'rating' },
    ];
    for (const { path, user, ready, shot } of pages) {
      const p = await open(path, FULL_HD);
      await signIn(p.page, user);
      await ready(p.page).waitFor();
      await screenshot(p.page, `security-csp-${shot}`);
      expect(await p.violations(), path).toEqual([]);
      expect(withoutExpectedNetworkLines(p.errors, {}), path).toEqual([]);
      await p.close();
    }
  });

  it('manager: the live board with its charts drawn on canvases', async () => {
    const p = await open('/manager?hall=yuxi', FULL_HD);
    await signIn(p.page, 'manager');
    await p.page.locator('qms-area-tile').first().waitFor();
    await p.page.locator('qms-hall-charts canvas').first().waitFor();
    await screenshot(p.page, 'security-csp-manager');
    expect(await p.violations()).toEqual([]);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('API reference: /api/docs renders the generated document and lists its operations', async () => {
    const p = await open('/api/docs', FULL_HD);
    // Swagger UI lays out the whole generated document (over a hundred operations) before the
    // first section shows: on a busy 2-core machine that takes longer than a page of ours.
    await p.page.locator('.opblock-tag-section').first().waitFor({ timeout: 60_000 });
    await p.page.locator('.opblock-summary-description', { hasText: '取号 · Issue a ticket' }).first().waitFor({ timeout: 30_000 });
    const operations = await p.page.locator('.opblock').count();
    const documented = (await srv.request('GET', '/api/v1/openapi.json')).body as { paths: Record<string, object> };
    expect(operations).toBe(Object.values(documented.paths).reduce((n, item) => n + Object.keys(item).length, 0));
    await screenshot(p.page, 'security-csp-api-docs');
    await p.page.screenshot({ path: '/tmp/api-docs.png' });
    expect(await p.violations()).toEqual([]);
    expect(p.errors).toEqual([]);
    await p.close();
  }, 120_000);

  it('phone pages: the ticket followed live, and booking', async () => {
    const ticket = await issueTicket(srv, 'yuxi', { areaId: 'fund' });
    const t = await open(`/ticket/yuxi/${ticket.key}`, PHONE);
    await t.page.getByText(ticket.number).first().waitFor();
    await srv.post(`${H}/windows/14/sign-in`, 'clerk14');
    await srv.post(`${H}/windows/14/call`, 'clerk14', { number: ticket.number });
    await t.page.getByText('14 号窗口').first().waitFor();
    await screenshot(t.page, 'security-csp-ticket');
    expect(await t.violations()).toEqual([]);
    expect(t.errors).toEqual([]);
    await t.close();

    const b = await open('/book?hall=yuxi', PHONE);
    await b.page.locator('qms-booking button.area', { hasText: '公积金专办' }).waitFor();
    await screenshot(b.page, 'security-csp-book');
    expect(await b.violations()).toEqual([]);
    expect(b.errors).toEqual([]);
    await b.close();
  });
});
