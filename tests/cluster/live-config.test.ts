/**
 * Hall configuration is live on every node: a window renamed through node A shows on node B's board
 * snapshot within a second, with no restart.
 */
import { describe, expect, it, vi } from 'vitest';
import { call, login } from '../support/node-http';
import { twoNodesOnOneRedis } from '../support/two-nodes';

describe('hall configuration on two server processes on one Redis', () => {
  const nodes = twoNodesOnOneRedis();

  it("a window renamed on A appears on B's board snapshot within 1 s", async () => {
    const [admin, display] = await Promise.all([login(nodes.a.url, 'admin'), login(nodes.b.url, 'display01')]);
    const before = await call(nodes.b.url, 'GET', '/api/v1/halls/yuxi/board', display);
    expect(before.body.windows.find((w: { id: string }) => w.id === '12').name).not.toBe('企业开办专窗');

    const { body: current } = await call(nodes.a.url, 'GET', '/api/v1/admin/halls/yuxi/config', admin);
    const hall = { ...current.hall, windows: current.hall.windows.map((w: { id: string }) => (w.id === '12' ? { ...w, name: '企业开办专窗' } : w)) };
    const started = performance.now();
    const put = await call(nodes.a.url, 'PUT', '/api/v1/admin/halls/yuxi/config', admin, { hall }, { 'if-match': String(current.version) });
    expect(put.status).toBe(200);
    const written = performance.now();
    await vi.waitFor(
      async () => {
        const board = await call(nodes.b.url, 'GET', '/api/v1/halls/yuxi/board', display);
        expect(board.body.windows.find((w: { id: string }) => w.id === '12').name).toBe('企业开办专窗');
      },
      { timeout: 1000, interval: 10 },
    );
    const ms = performance.now() - started;
    console.log(
      `window rename on A visible on B's board ${ms.toFixed(0)} ms after the PUT was sent (${(performance.now() - written).toFixed(0)} ms after A answered it)`,
    );
    expect(ms).toBeLessThan(1000);
  });
});
