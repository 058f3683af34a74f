import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startServer, type TestServer } from '../support/server';
import { credentialOf } from '../support/credentials';

const Y = '/api/v1/halls/yuxi';

describe('announcement.wav in Chromium', () => {
  let srv: TestServer;
  let browser: Browser;
  let wavPath: string;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
    const issued = await srv.post(`${Y}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    await srv.post(`${Y}/windows/21/sign-in`, 'clerk21');
    await srv.post(`${Y}/windows/21/call-next`, 'clerk21');
    // A phone replays its call by the credential of its QR code.
    wavPath = `${Y}/tickets/${credentialOf(issued)}/announcement.wav`;
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('decodes with WebAudio and plays in a plain <audio> element, no token needed', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => msg.type() === 'error' && errors.push(`${msg.text()} ${msg.location().url}`));
    // Any page of the server's origin will do; the JSON health page has no favicon of its own.
    await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
    await page.goto(`${srv.url}/healthz`);
    const result = await page.evaluate(async (url) => {
      const buf = await (await fetch(url)).arrayBuffer();
      const decoded = await new OfflineAudioContext(1, 44100, 44100).decodeAudioData(buf);
      const samples = decoded.getChannelData(0);
      let peak = 0;
      let sum = 0;
      for (const s of samples) {
        peak = Math.max(peak, Math.abs(s));
        sum += s * s;
      }

      const el = new Audio(url);
      await new Promise<void>((resolve, reject) => {
        el.addEventListener('canplaythrough', () => resolve(), { once: true });
        el.addEventListener('error', () => reject(new Error(`media error ${el.error?.code}: ${el.error?.message}`)), { once: true });
      });
      await el.play();
      // Playing for real: the clock moves past the first quarter second (the chime).
      await new Promise<void>((resolve) => {
        const check = () => {
          if (el.currentTime > 0.25) resolve();
          else el.addEventListener('timeupdate', check, { once: true });
        };
        check();
      });
      el.pause();
      return { decodedSeconds: decoded.duration, peak, rms: Math.sqrt(sum / samples.length), elementSeconds: el.duration, playedTo: el.currentTime };
    }, srv.url + wavPath);

    expect(result.decodedSeconds).toBeGreaterThan(1.5);
    expect(result.decodedSeconds).toBeLessThan(20);
    expect(result.elementSeconds).toBeCloseTo(result.decodedSeconds, 1);
    expect(result.peak).toBeGreaterThan(0.5);
    expect(result.rms).toBeGreaterThan(0.05);
    expect(result.playedTo).toBeGreaterThan(0.25);
    expect(errors).toEqual([]);
    console.info('announcement.wav in Chromium:', result);
    await context.close();
  });
});
