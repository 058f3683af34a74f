/**
 * A citizen's phone in Chromium for the phone pages (booking, ticket tracking): a touch screen of a
 * phone's size, zh-CN, hall time, script and console errors kept; and the check that nothing on
 * the page is wider than the phone.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

export const SMALL_PHONE = { width: 360, height: 740 };
export const LARGE_PHONE = { width: 390, height: 844 };

export interface Phone {
  page: Page;
  errors: string[];
  close: () => Promise<void>;
}

/** Opens `url` on a phone; `setup` prepares the context first (a clock, permissions, init scripts). */
export async function openPhone(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  setup?: (context: BrowserContext) => Promise<void>,
): Promise<Phone> {
  const context = await browser.newContext({ viewport, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await setup?.(context);
  // A step that never comes fails with the locator it waited for, well before the test's own timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

/** Nothing wider than the phone: the document does not scroll sideways and no element sticks out. */
export async function expectFitsWidth(page: Page, viewport: { width: number }): Promise<void> {
  const m = await page.evaluate(() => {
    const out: string[] = [];
    const visit = (root: ParentNode) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.shadowRoot) visit(el.shadowRoot);
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.left < -1 || r.right > window.innerWidth + 1))
          out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
    };
    visit(document);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, out };
  });
  expect(m.innerWidth).toBe(viewport.width);
  expect(m.scrollWidth).toBeLessThanOrEqual(m.innerWidth);
  expect(m.out).toEqual([]);
}
