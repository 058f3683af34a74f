/**
 * Redis behind Sentinel with its one replica frozen (SIGSTOP: alive to the kernel, silent to the
 * primary): a ticket written to the primary is not confirmed by a replica within
 * QMS_REDIS_WAIT_MS, so the kiosk is answered 503 store_unconfirmed and nothing is acknowledged
 * (nor printed) — also for a retry with the same Idempotency-Key. Once the replica runs again
 * (SIGCONT), tickets are issued again, the retry gets the ticket its first attempt wrote, and no
 * number was handed out twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessage } from '../../server/i18n';
import { call, login } from '../support/node-http';
import { NodeProcess } from '../support/node-process';
import { SentinelGroup } from '../support/redis-ha';

const H = '/api/v1/halls/yuxi';
const WAIT_MS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Redis Sentinel: the replica frozen', () => {
  let group: SentinelGroup;
  let node: NodeProcess;

  beforeAll(async () => {
    group = await SentinelGroup.start();
    node = await NodeProcess.start({
      QMS_REDIS_SENTINELS: group.sentinelList,
      QMS_REDIS_SENTINEL_NAME: SentinelGroup.MASTER_NAME,
      QMS_REDIS_WAIT_MS: String(WAIT_MS),
      QMS_KIOSK_TICKETS_PER_MINUTE: '100000',
    });
  }, 120_000);
  afterAll(async () => {
    group?.replica.resume();
    await node?.stop();
    await group?.stop();
  });

  it('answers 503 store_unconfirmed while no replica confirms, and issues again once it does', async () => {
    const kiosk = await login(node.url, 'kiosk01');
    const issue = (key: string) => call(node.url, 'POST', `${H}/tickets`, kiosk, { areaId: 'tax' }, { 'idempotency-key': key });
    const acked: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await issue(`before-${i}`);
      expect(r.status).toBe(201);
      acked.push(r.body.ticket.number);
    }

    group.replica.pause();
    const unconfirmed: Array<{ status: number; code: string; message: string; ms: number }> = [];
    for (const key of ['paused-0', 'paused-1', 'paused-2', 'paused-0' /* a retry of the first */]) {
      const t = Date.now();
      const r = await issue(key);
      unconfirmed.push({ status: r.status, code: r.body.error?.code, message: r.body.error?.message, ms: Date.now() - t });
      if (r.status === 201) acked.push(r.body.ticket.number);
    }
    group.replica.resume();
    for (const u of unconfirmed) {
      expect([u.status, u.code]).toEqual([503, 'store_unconfirmed']);
      expect(u.message).toContain(errorMessage('store_unconfirmed', 'zh-CN'));
    }

    // Issuing works again once the replica has caught up.
    const resumedAt = Date.now();
    let first: { status: number; body: any } | null = null;
    for (let i = 0; Date.now() - resumedAt < 20_000; i++) {
      first = await issue(`after-${i}`);
      if (first.status === 201) break;
      await sleep(100);
    }
    expect(first?.status).toBe(201);
    acked.push(first!.body.ticket.number);
    for (let i = 0; i < 3; i++) {
      const r = await issue(`later-${i}`);
      expect(r.status).toBe(201);
      acked.push(r.body.ticket.number);
    }
    // The retry of a write that landed on the primary unconfirmed: the same ticket, now confirmed, every time.
    const retried = await issue('paused-0');
    const again = await issue('paused-0');
    expect(retried.status).toBe(201);
    expect(again.body.ticket.id).toBe(retried.body.ticket.id);
    acked.push(retried.body.ticket.number);

    const duplicates = acked.filter((n, i) => acked.indexOf(n) !== i);
    console.log(
      `replica paused figures: ${JSON.stringify({
        waitMs: WAIT_MS,
        unconfirmedAnswerMs: unconfirmed.map((u) => u.ms),
        resumeToFirstTicketMs: Date.now() - resumedAt,
        acknowledged: acked,
      })}`,
    );
    expect(duplicates).toEqual([]);
  }, 120_000);
});
