/**
 * Every page the server serves (`PAGES` in server/http/page-paths.ts) has exactly one `main`
 * landmark and exactly one level-1 heading once it shows its content, signed in where it needs a
 * sign-in, at its device's size; and the sign-in form that stands before a page has them too. The
 * pages are Lit elements, so the count walks every shadow root (as assistive technology sees the
 * composed tree), counting what is rendered: `main` / role=main, `h1` / role=heading level 1.
 * A page added to PAGES without a way to open it here fails the test, so none is missed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../../server/http/page-paths';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { issueTicket, signIn } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const CONSOLE = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };

/** How to open each page as its user does: the address, the device size and who signs in. */
interface Recipe {
  url: (ctx: { ticketKey: string }) => string;
  size: { width: number; height: number };
  /** The account that signs in; absent for the public phone pages. */
  user?: string;
}

const RECIPES: Record<string, Recipe> = {
  '/kiosk': { url: () => '/kiosk?hall=yuxi', size: { width: 1080, height: 1920 }, user: 'kiosk01' },
  '/display/hall': { url: () => '/display/hall?hall=yuxi', size: CONSOLE, user: 'display01' },
  '/display/window': { url: () => '/display/window?hall=yuxi&window=3', size: { width: 1366, height: 768 }, user: 'display01' },
  '/counter': { url: () => '/counter?hall=yuxi&window=3', size: { width: 1366, height: 768 }, user: 'clerk03' },
  '/rating': { url: () => '/rating?hall=yuxi&window=3', size: { width: 1280, height: 800 }, user: 'rating01' },
  '/manager': { url: () => '/manager?hall=yuxi', size: CONSOLE, user: 'manager' },
  '/ticket/:hallId/:ticketId': { url: ({ ticketKey }) => `/ticket/yuxi/${ticketKey}`, size: PHONE },
  '/book': { url: () => '/book?hall=yuxi', size: PHONE },
  '/hall-info': { url: () => '/hall-info?hall=yuxi', size: PHONE },
  '/admin': { url: () => '/admin?hall=yuxi', size: CONSOLE, user: 'admin' },
  '/reports': { url: () => '/reports', size: CONSOLE, user: 'city' },
  '/audit': { url: () => '/audit', size: CONSOLE, user: 'auditor' },
};

/** Rendered `main` landmarks and level-1 headings in the composed tree (shadow roots included). */
function landmarks(page: Page): Promise<{ main: number; h1: number }> {
  return page.evaluate(() => {
    const shown = (el: Element): boolean => {
      if (el.checkVisibility()) return true;
      // A `display: contents` landmark has no box of its own: it is shown when its parent is.
      if (getComputedStyle(el).display !== 'contents') return false;
      const parent = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined);
      return parent ? shown(parent) : true;
    };
    let main = 0;
    let h1 = 0;
    const visit = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.shadowRoot) visit(el.shadowRoot);
        const role = el.getAttribute('role');
        const isMain = role === 'main' || (el.localName === 'main' && role === null);
        const isH1 = (role === 'heading' && el.getAttribute('aria-level') === '1') || (el.localName === 'h1' && role === null);
        if ((isMain || isH1) && shown(el)) {
          if (isMain) main++;
          if (isH1) h1++;
        }
      }
    };
    visit(document);
    return { main, h1 };
  });
}

/** The counts once the page has settled on them (content arrives over HTTP and Socket.IO). */
async function settledLandmarks(page: Page): Promise<{ main: number; h1: number }> {
  let last = await landmarks(page);
  try {
    await expect.poll(async () => (last = await landmarks(page)), { timeout: 8000, interval: 250 }).toEqual({ main: 1, h1: 1 });
  } catch {
    // Reported with the page's name by the caller.
  }
  return last;
}

describe('landmarks: one main and one h1 on every page', () => {
  let srv: TestServer;
  let browser: Browser;
  let ticketKey = '';
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
    ticketKey = (await issueTicket(srv, 'yuxi', { areaId: 'police' })).key;
  });
  afterAll(async () => {
    for (const p of pages) await p.context.close();
    await browser?.close();
    await srv?.close();
  });

  it('knows how to open every page the server serves', () => {
    expect(PAGES.map((p) => p.path).filter((path) => !RECIPES[path])).toEqual([]);
  });

  it('every page, and the sign-in form before it, has exactly one main and one h1', async () => {
    const found: Record<string, { main: number; h1: number }> = {};
    for (const { path } of PAGES) {
      const recipe = RECIPES[path];
      if (!recipe) continue;
      const w = await openPage(browser, srv.url + recipe.url({ ticketKey }), recipe.size);
      pages.push(w);
      const name = path.replace(/[/:]+/g, '-').replace(/^-/, '');
      if (recipe.user) {
        await w.page.locator('qms-login input[name="username"]').waitFor();
        found[`${path} (sign-in)`] = await settledLandmarks(w.page);
        await signIn(w.page, recipe.user);
      }
      found[path] = await settledLandmarks(w.page);
      await screenshot(w.page, `landmarks-${name}`);
      await w.context.close();
      pages.pop();
    }
    const wrong = Object.fromEntries(Object.entries(found).filter(([, n]) => n.main !== 1 || n.h1 !== 1));
    expect(wrong).toEqual({});
    expect(Object.keys(found)).toHaveLength(PAGES.length + Object.values(RECIPES).filter((r) => r.user).length);
  }, 240_000);
});
