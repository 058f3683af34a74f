/**
 * The worker-thread channel: a thread idle past `idleMs` is ended and the next job gets a fresh
 * one; a stuck job's thread, ended, fails only its own jobs, never one already sent to the next
 * thread.
 */
import { describe, expect, it } from 'vitest';
import { WorkerChannel } from '../../server/app/worker-channel';

type Ok = { threadId: number };

function channel(opts: { idleMs?: number; timeoutMs?: number } = {}): WorkerChannel<Ok, { message: string }> {
  return new WorkerChannel<Ok, { message: string }>({
    script: new URL('../support/echo-worker.mjs', import.meta.url),
    name: 'echo thread',
    timeoutMs: opts.timeoutMs ?? 10_000,
    holdWhileBusy: true,
    failure: (reply) => new Error(reply.message),
    tooLong: () => new Error('too long'),
    idleMs: opts.idleMs,
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WorkerChannel', () => {
  it('keeps its thread between jobs that come close together, and ends it once idle past idleMs', async () => {
    const c = channel({ idleMs: 300 });
    const first = await c.run({});
    expect((await c.run({})).threadId).toBe(first.threadId);
    await sleep(100);
    expect((await c.run({})).threadId).toBe(first.threadId);
    await sleep(800);
    const later = await c.run({});
    expect(later.threadId).not.toBe(first.threadId);
  });

  it('without idleMs keeps the one thread', async () => {
    const c = channel();
    const first = await c.run({});
    await sleep(500);
    expect((await c.run({})).threadId).toBe(first.threadId);
  });

  it('fails a stuck job, and the thread it ended does not fail the job sent to the next thread', async () => {
    // Long enough that a fresh thread starts well within it on a busy machine; the stuck job still ends.
    const c = channel({ timeoutMs: 2_000 });
    const before = await c.run({});
    await expect(c.run({ hang: true })).rejects.toThrow('too long');
    // Sent at once, while the stuck thread is still ending.
    const next = await c.run({});
    expect(next.threadId).not.toBe(before.threadId);
    await sleep(300);
    expect((await c.run({})).threadId).toBe(next.threadId);
  });
});
