/**
 * Two server nodes on Redis behind Sentinel (a primary, two replicas, three sentinels, all real
 * processes), both issuing tickets in the same area at a steady pace, when the primary is killed
 * (SIGKILL). A node acknowledges a ticket only once a replica holds it (QMS_REDIS_WAIT_REPLICAS,
 * 1 by default with Sentinel), so the promoted replica has every number either node printed: no
 * number is handed out twice across the nodes, none is lost (a node that never saw the load reads
 * them all), and service resumes within 15 s of the failover (the second replica, re-pointed at the
 * new primary, confirms again). The measured figures are printed with the test's output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialOf } from '../support/credentials';
import { call, login } from '../support/node-http';
import { auditTickets } from '../support/ticket-audit';
import { NodeProcess } from '../support/node-process';
import { SentinelGroup } from '../support/redis-ha';

const H = '/api/v1/halls/yuxi';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Acked {
  node: 'a' | 'b';
  number: string;
  credential: string;
  /** When the request was sent (epoch ms). */
  sentAt: number;
  /** When the answer arrived. */
  at: number;
}

describe('Redis Sentinel, two nodes: the primary killed under load from both', () => {
  let group: SentinelGroup;
  const nodes: NodeProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    // Two replicas: after the failover one is still there to confirm writes.
    group = await SentinelGroup.start({ replicas: 2 });
    // No QMS_REDIS_WAIT_REPLICAS: the Sentinel default (1) is what is tested.
    env = { QMS_REDIS_SENTINELS: group.sentinelList, QMS_REDIS_SENTINEL_NAME: SentinelGroup.MASTER_NAME, QMS_KIOSK_TICKETS_PER_MINUTE: '100000' };
    nodes.push(...(await Promise.all([NodeProcess.start(env), NodeProcess.start(env)])));
  }, 120_000);
  afterAll(async () => {
    // Killed first: a node stuck by a failover would not stop on SIGTERM and outlive the test.
    for (const n of nodes) await n.kill();
    for (const n of nodes) await n.stop();
    await group?.stop();
  });

  it('no number twice across the nodes, none lost, service back within 15 s of the failover', async () => {
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    expect(a.output.join('')).toContain('writes acknowledged once 1 replica holds them');
    const kiosks = { a: await login(a.url, 'kiosk01'), b: await login(b.url, 'kiosk01') };
    const acked: Acked[] = [];
    const refused = { a: new Map<string, number>(), b: new Map<string, number>() };
    let stop = false;
    // Two kiosks' worth of steady load on each node: a ticket every ~20 ms from each loop.
    const kioskLoop = async (name: 'a' | 'b', node: NodeProcess) => {
      while (!stop) {
        const sentAt = Date.now();
        let outcome: string;
        try {
          const r = await call(node.url, 'POST', `${H}/tickets`, kiosks[name], { areaId: 'tax' });
          if (r.status === 201) {
            acked.push({ node: name, number: r.body.ticket.number, credential: credentialOf(r.body), sentAt, at: Date.now() });
            outcome = '';
          } else outcome = `${r.status} ${r.body?.error?.code ?? ''}`.trim();
        } catch {
          outcome = 'network';
        }
        if (outcome) refused[name].set(outcome, (refused[name].get(outcome) ?? 0) + 1);
        await sleep(20);
      }
    };
    const loops = [kioskLoop('a', a), kioskLoop('a', a), kioskLoop('b', b), kioskLoop('b', b)];
    await sleep(3000);
    // The load is really flowing on both nodes before the kill.
    expect(acked.filter((t) => t.node === 'a').length).toBeGreaterThan(10);
    expect(acked.filter((t) => t.node === 'b').length).toBeGreaterThan(10);

    const oldPort = group.primary.port;
    const killedAt = Date.now();
    await group.primary.kill();
    const failover = await group.failedOver(oldPort);
    expect(group.replicas.map((r) => r.port)).toContain(failover.port);
    // A node is back when a ticket asked for after the kill is answered by it.
    const resumed = { a: 0, b: 0 };
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && !(resumed.a && resumed.b); await sleep(50)) {
      for (const name of ['a', 'b'] as const) resumed[name] ||= acked.find((t) => t.node === name && t.sentAt > killedAt)?.at ?? 0;
    }
    await sleep(3000); // and it keeps flowing
    stop = true;
    await Promise.all(loops);

    // A node that never saw the load reads everything from the new primary.
    const fresh = await NodeProcess.start(env);
    nodes.push(fresh);
    const { missing, duplicates, unansweredButKept, gaps } = await auditTickets(fresh.url, H, acked);
    const perNode = (name: 'a' | 'b', node: NodeProcess) => ({
      ticketsAcknowledged: acked.filter((t) => t.node === name).length,
      askedBeforeKill: acked.filter((t) => t.node === name && t.sentAt <= killedAt).length,
      refused: Object.fromEntries(refused[name]),
      killToResumeMs: resumed[name] - killedAt,
      failoverToResumeMs: resumed[name] - failover.at,
      restoredLostEvents: node.output.join('').split('store lost events').length - 1,
    });
    const figures = {
      killToFailoverMs: failover.at - killedAt,
      nodeA: perNode('a', a),
      nodeB: perNode('b', b),
      ticketsAcknowledged: acked.length,
      lostAcknowledged: missing.length,
      duplicates: duplicates.length,
      unansweredButKept,
      gaps,
    };
    console.log(`sentinel two-node failover figures: ${JSON.stringify(figures)}`);
    if (!resumed.a || !resumed.b)
      console.log(
        (resumed.a ? b : a).output
          .join('')
          .split('\n')
          .filter((l) => l.includes('"level":40') || l.includes('"level":50') || l.includes('went wrong'))
          .slice(-15)
          .join('\n'),
      );

    expect(duplicates).toEqual([]);
    expect(missing.map((t) => `${t.node}:${t.number}`)).toEqual([]);
    expect(resumed.a).toBeGreaterThan(0);
    expect(resumed.b).toBeGreaterThan(0);
    expect(resumed.a - failover.at).toBeLessThanOrEqual(15_000);
    expect(resumed.b - failover.at).toBeLessThanOrEqual(15_000);
  }, 180_000);
});
