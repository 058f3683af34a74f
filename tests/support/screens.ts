/**
 * Helpers for the screen tests: sign a page in through its real login form, and tell the browser's
 * own network log lines (a 409 the page was meant to show, a reconnect attempt while the server is
 * down) apart from script errors.
 */
import type { Page } from 'playwright-core';
import type { TestServer } from './server';
import { withCredential } from './credentials';
import { freshCode, rememberSecret, secretsOf } from './second-factor';

/** Signs in through the page's `<qms-login>` form (password `demo`) and waits for the form to go. */
export async function signIn(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.locator('qms-login input[name="username"]').fill(username);
  await page.locator('qms-login input[name="password"]').fill(password);
  await page.locator('qms-login button[type="submit"]').click();
  await throughSecondFactor(page, username);
  await page.locator('qms-login').waitFor({ state: 'detached' });
}

/**
 * After the password: what the form asks next, as a person with an authenticator app answers it —
 * the enrolment (scan: here the key shown beside the QR code; then a code; then the recovery codes
 * kept), or the code of an enrolled factor. Nothing when the form is gone.
 */
export async function throughSecondFactor(page: Page, username: string): Promise<void> {
  const login = page.locator('qms-login');
  for (let i = 0; i < 600; i++) {
    if ((await login.count()) === 0) return;
    if ((await login.locator('code.secret').count()) > 0) {
      const secret = (await login.locator('code.secret').getAttribute('data-secret'))!;
      rememberSecret(username, secret);
      await login.locator('input[name="totp"]').fill(await freshCode(secret));
      await login.locator('button[type="submit"]').click();
      await login.locator('ol.recovery li').first().waitFor();
      await login.locator('button[type="submit"]').click();
      return;
    }
    if ((await login.locator('input[name="code"][autocomplete="one-time-code"]:not([pattern])').count()) > 0) {
      const [secret] = secretsOf(username);
      if (!secret) throw new Error(`${username} has a second factor this test did not enrol`);
      await login.locator('input[name="code"]').fill(await freshCode(secret));
      await login.locator('button[type="submit"]').click();
      return;
    }
    // Without waiting: the form may have just gone (a locator's innerText would wait for it).
    if ((await login.locator('.error').allInnerTexts()).join('').trim() !== '') return;
    await page.waitForTimeout(50);
  }
}

/**
 * Lines Chromium itself logs as console errors for network answers, which are not script errors:
 * `Failed to load resource: … status of 409` for an API refusal the page shows in words, and
 * `WebSocket connection … failed` while the server is down. A test names the ones it expects.
 */
export function withoutExpectedNetworkLines(errors: string[], expected: { statuses?: number[]; websocket?: boolean }): string[] {
  return errors.filter((e) => {
    const status = /Failed to load resource: the server responded with a status of (\d{3})/.exec(e);
    if (status && expected.statuses?.includes(Number(status[1]))) return false;
    if (expected.websocket && /WebSocket connection to '.*' failed/.test(e)) return false;
    return true;
  });
}

/** Issues a ticket as the kiosk and returns it. */
/** Issues a ticket; `key` is the credential its QR code carries (what the phone page is opened with). */
export async function issueTicket(
  srv: TestServer,
  hallId: string,
  body: Record<string, unknown>,
  as = 'kiosk01',
): Promise<{ id: string; number: string; areaId: string; key: string }> {
  const res = await srv.post(`/api/v1/halls/${hallId}/tickets`, as, body, 201);
  return withCredential(res);
}

/**
 * Puts a network hold between the page and the server's Socket.IO pushes: while `holding`, the
 * `hall:event` frames the server sends are dropped (everything else passes), as when a screen misses
 * pushes. Playwright patches the page's WebSocket when a document loads, so this reloads the page.
 */
export interface EventHold {
  /** While true, `hall:event` frames from the server are dropped. */
  holding: boolean;
  dropped: number;
  /** Resolves when the next frame is dropped. */
  nextDrop(): Promise<void>;
}

export async function holdBackHallEvents(page: Page): Promise<EventHold> {
  const waiters: Array<() => void> = [];
  const hold: EventHold = {
    holding: false,
    dropped: 0,
    nextDrop: () => new Promise<void>((resolve) => waiters.push(resolve)),
  };
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      if (hold.holding && typeof m === 'string' && m.includes('"hall:event"')) {
        hold.dropped++;
        for (const w of waiters.splice(0)) w();
        return;
      }
      ws.send(m);
    });
  });
  await page.reload();
  return hold;
}

/**
 * Text elements of a page's custom element (shadow roots included) that are cut off: partly outside
 * the viewport or partly hidden by a clipping box (half a row at the bottom of a list). Elements
 * wholly out of sight are hidden on purpose (rows that did not fit); marquee text scrolls past.
 */
export async function overflowing(page: Page, host: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const out: string[] = [];
    type Box = { left: number; top: number; right: number; bottom: number };
    const parentOf = (el: Element): Element | null => el.parentElement ?? (el.getRootNode() as ShadowRoot).host ?? null;
    const clipOf = (el: Element): Box => {
      const clip = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
      for (let a = parentOf(el); a; a = parentOf(a)) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const r = a.getBoundingClientRect();
        clip.left = Math.max(clip.left, r.left);
        clip.top = Math.max(clip.top, r.top);
        clip.right = Math.min(clip.right, r.right);
        clip.bottom = Math.min(clip.bottom, r.bottom);
      }
      return clip;
    };
    const visit = (root: ParentNode) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.shadowRoot) visit(el.shadowRoot);
        if (el.closest('[role="marquee"]')) continue;
        const hasText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        if (!hasText) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const c = clipOf(el);
        const outside = r.right <= c.left || r.left >= c.right || r.bottom <= c.top || r.top >= c.bottom;
        const inside = r.left >= c.left - 1 && r.top >= c.top - 1 && r.right <= c.right + 1 && r.bottom <= c.bottom + 1;
        if (!outside && !inside) {
          out.push(
            `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 20)}" ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`,
          );
        }
      }
    };
    const hostEl = document.querySelector(selector);
    if (hostEl?.shadowRoot) visit(hostEl.shadowRoot);
    return out;
  }, host);
}

/** The text element with the largest font on a page's custom element, and its size in px. */
export async function largestText(page: Page, host: string): Promise<{ className: string; text: string; px: number }> {
  return page.evaluate((selector) => {
    let best = { className: '', text: '', px: 0 };
    const visit = (root: ParentNode) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        const px = parseFloat(getComputedStyle(el).fontSize);
        if (ownText && px > best.px) best = { className: el.className, text: el.textContent.trim(), px };
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    const hostEl = document.querySelector(selector);
    if (hostEl?.shadowRoot) visit(hostEl.shadowRoot);
    return best;
  }, host);
}
