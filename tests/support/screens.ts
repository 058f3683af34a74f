/**
 * Helpers for the screen tests: sign a page in through its real login form, and tell the browser's
 * own network log lines (a 409 the page was meant to show, a reconnect attempt while the server is
 * down) apart from script errors.
 */
import type { Page } from 'playwright-core';
import type { TestServer } from './server';

/** Signs in through the page's `<qms-login>` form (password `demo`) and waits for the form to go. */
export async function signIn(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.locator('qms-login input[name="username"]').fill(username);
  await page.locator('qms-login input[name="password"]').fill(password);
  await page.locator('qms-login button[type="submit"]').click();
  await page.locator('qms-login').waitFor({ state: 'detached' });
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
export async function issueTicket(srv: TestServer, hallId: string, body: Record<string, unknown>, as = 'kiosk01'): Promise<{ id: string; number: string; areaId: string }> {
  const res = await srv.post(`/api/v1/halls/${hallId}/tickets`, as, body, 201);
  return res.ticket;
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
