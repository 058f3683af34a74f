/**
 * Redis behind Sentinel with ONE replica, tickets confirmed by it (QMS_REDIS_WAIT_REPLICAS=1, the
 * default): the primary is killed (SIGKILL) under a steady kiosk load. The replica is promoted and
 * is then alone — no replica is left to confirm a write. The hall keeps taking numbers: the node
 * confirms with the replicas there are (none: the primary alone), says so in its log and in
 * /metrics (`qms_redis_replication_degraded 1`), no number is handed out twice and none that was
 * acknowledged is lost. A node in strict mode (QMS_REDIS_WAIT_STRICT=1) on the same Redis keeps
 * refusing (503 store_unconfirmed) instead. When the old primary comes back as a replica, the
 * degraded state ends (log and /metrics). The measured figures are printed with the test's output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialOf } from '../support/credentials';
import { call, login } from '../support/node-http';
import { NodeProcess } from '../support/node-process';
import { SentinelGroup } from '../support/redis-ha';
import { auditTickets } from '../support/ticket-audit';

const H = '/api/v1/halls/yuxi';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Acked {
  number: string;
  credential: string;
  sentAt: number;
  at: number;
}

async function gauge(node: NodeProcess, name: string): Promise<number | null> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : null;
}

/** The node's JSON log lines whose message starts with `prefix`. */
function logLines(node: NodeProcess, prefix: string): Array<{ level: number; msg: string; [k: string]: unknown }> {
  return node.output
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => {
      try {
        return JSON.parse(l) as { level: number; msg: string };
      } catch {
        return null;
      }
    })
    .filter((l): l is { level: number; msg: string } => l !== null && typeof l.msg === 'string' && l.msg.startsWith(prefix));
}

describe('Redis Sentinel with one replica: the primary killed under load', () => {
  let group: SentinelGroup;
  let node: NodeProcess;
  let strict: NodeProcess;

  beforeAll(async () => {
    group = await SentinelGroup.start({ replicas: 1 });
    const env = {
      QMS_REDIS_SENTINELS: group.sentinelList,
      QMS_REDIS_SENTINEL_NAME: SentinelGroup.MASTER_NAME,
      QMS_KIOSK_TICKETS_PER_MINUTE: '100000',
      QMS_LOG_FORMAT: 'json',
    };
    [node, strict] = await Promise.all([NodeProcess.start(env), NodeProcess.start({ ...env, QMS_REDIS_WAIT_STRICT: '1' })]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([node?.stop(), strict?.stop()]);
    await group?.stop();
  });

  it('keeps issuing after the failover, confirmed by the primary alone, degraded in /metrics and the log; strict mode refuses', async () => {
    // Before: one replica connected and confirming every ticket.
    expect(await gauge(node, 'qms_redis_replicas_connected')).toBe(1);
    expect(await gauge(node, 'qms_redis_replicas_confirming')).toBe(1);
    expect(await gauge(node, 'qms_redis_replication_degraded')).toBe(0);
    expect(node.output.join('')).toContain('fewer while fewer are connected, down to the primary alone');
    expect(strict.output.join('')).toContain('strict: refused while fewer are connected');

    const kiosk = await login(node.url, 'kiosk01');
    const acked: Acked[] = [];
    const refused = new Map<string, number>();
    let stop = false;
    const kioskLoop = async () => {
      while (!stop) {
        const sentAt = Date.now();
        try {
          const r = await call(node.url, 'POST', `${H}/tickets`, kiosk, { areaId: 'tax' });
          if (r.status === 201) acked.push({ number: r.body.ticket.number, credential: credentialOf(r.body), sentAt, at: Date.now() });
          else {
            const key = `${r.status} ${r.body?.error?.code ?? ''}`;
            refused.set(key, (refused.get(key) ?? 0) + 1);
          }
        } catch {
          refused.set('network', (refused.get('network') ?? 0) + 1);
        }
        await sleep(20);
      }
    };
    const loops = [kioskLoop(), kioskLoop()];
    // The load is really flowing before the kill (on a loaded machine that takes a while).
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && acked.length <= 10;) await sleep(100);
    expect(acked.length).toBeGreaterThan(10);

    const oldPort = group.primary.port;
    const killedAt = Date.now();
    await group.primary.kill();
    const failover = await group.failedOver(oldPort);
    expect(failover.port).toBe(group.replica.port);
    let resumedAt = 0;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && !resumedAt; await sleep(50)) {
      resumedAt = acked.find((a) => a.sentAt > killedAt)?.at ?? 0;
    }
    // And it keeps flowing.
    const afterKill = () => acked.filter((a) => a.sentAt > killedAt).length;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && afterKill() <= 10;) await sleep(100);
    const ackedAfterKill = afterKill();

    // Degraded, and said so: /metrics and one warning in the log.
    expect(await gauge(node, 'qms_redis_replication_degraded')).toBe(1);
    expect(await gauge(node, 'qms_redis_replicas_connected')).toBe(0);
    expect(await gauge(node, 'qms_redis_replicas_confirming')).toBe(0);
    expect(await gauge(node, 'qms_redis_replicas_wanted')).toBe(1);
    const degraded = logLines(node, 'redis replication degraded');
    expect(degraded).toHaveLength(1);
    expect(degraded[0]).toMatchObject({ level: 40, replicationDegraded: true, replicasConnected: 0, replicasWanted: 1 });
    expect(degraded[0]!.msg).toContain('the primary alone');

    // The strict node on the same Redis refuses: the write is not confirmed by a replica.
    const strictKiosk = await login(strict.url, 'kiosk01');
    // Once its own look at the primary (every second) has found no replica there.
    for (const deadline = Date.now() + 30_000; Date.now() < deadline && (await gauge(strict, 'qms_redis_replicas_connected')) !== 0;) await sleep(250);
    const strictAnswers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call(strict.url, 'POST', `${H}/tickets`, strictKiosk, { areaId: 'tax' });
      strictAnswers.push(`${r.status} ${r.body?.error?.code ?? ''}`);
    }
    expect(strictAnswers).toEqual(Array(3).fill('503 store_unconfirmed'));
    expect(await gauge(strict, 'qms_redis_replication_degraded')).toBe(0);
    expect(await gauge(strict, 'qms_redis_replicas_connected')).toBe(0);
    expect(await gauge(strict, 'qms_redis_replicas_confirming')).toBe(1);
    expect(logLines(strict, 'redis replication short')).toHaveLength(1);

    // The old primary comes back; the sentinels make it a replica of the new one: confirmed again.
    await group.primary.start();
    let restoredAt = 0;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && !restoredAt; await sleep(250)) {
      if ((await gauge(node, 'qms_redis_replication_degraded')) === 0) restoredAt = Date.now();
    }
    expect(restoredAt).toBeGreaterThan(0);
    await sleep(1000);
    stop = true;
    await Promise.all(loops);
    expect(await gauge(node, 'qms_redis_replicas_confirming')).toBe(1);
    expect(logLines(node, 'redis replication restored')).toHaveLength(1);
    const afterRestore = await call(strict.url, 'POST', `${H}/tickets`, strictKiosk, { areaId: 'tax' });
    expect(afterRestore.status).toBe(201);

    // Every acknowledged ticket, read by a node that issued none of them; no number twice.
    const { missing, duplicates, unansweredButKept, gaps } = await auditTickets(strict.url, H, acked);
    const figures = {
      ticketsAcknowledged: acked.length,
      acknowledgedAfterKill: ackedAfterKill,
      refused: Object.fromEntries(refused),
      killToFailoverMs: failover.at - killedAt,
      killToResumeMs: resumedAt - killedAt,
      failoverToResumeMs: resumedAt - failover.at,
      oldPrimaryBackToConfirmedMs: restoredAt ? restoredAt - failover.at : null,
      strictAnswers,
      lostAcknowledged: missing.length,
      duplicates: duplicates.length,
      unansweredButKept,
      gaps,
    };
    console.log(`sentinel one-replica figures: ${JSON.stringify(figures)}`);

    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt - failover.at).toBeLessThanOrEqual(15_000);
    expect(ackedAfterKill).toBeGreaterThan(10);
    expect(duplicates).toEqual([]);
    expect(missing.map((a) => a.number)).toEqual([]);
  }, 300_000);
});
