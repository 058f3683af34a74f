/**
 * Scenario 4 — reconnect storm: with every display connected, one node is killed (SIGKILL, as a
 * crash or a pulled plug). Its displays reconnect to the other node (they know both, as behind a
 * load balancer) and ask `hall:sync` for what they missed, while the hall goes on calling. Measured
 * from the kill to the last display resynced; then every display must hold every version.
 */
import type { FromSwarm } from '../support/swarm-protocol';
import type { DisplayRig } from '../support/display-rig';
import { nowMs, summarize, type LatencySummary } from '../support/stats';

export interface ReconnectStormResult {
  displays: number;
  displaysOnKilledNode: number;
  resynced: number;
  /** Displays of the surviving node that lost their connection too (should be none). */
  othersReconnected: number;
  /** From the kill to the last display resynced. */
  allResyncedMs: number;
  /** Per display, from the kill to its resync. */
  resync: LatencySummary;
  /** Connection attempts that failed before the one that worked, summed. */
  failedAttempts: number;
  callsDuringStorm: number;
  lostEvents: number;
  displaysWithLoss: number;
}

export async function reconnectStorm(rig: DisplayRig, opts: { timeoutMs: number }): Promise<ReconnectStormResult> {
  const [survivor, victim] = rig.cluster.nodes as [(typeof rig.cluster.nodes)[0], (typeof rig.cluster.nodes)[0]];
  // Display i started on node i mod 2: the odd ones are on the node that dies.
  const onVictim = Math.floor(rig.displays / 2);
  const resynced = new Map<number, Extract<FromSwarm, { cmd: 'resynced' }>>();
  let othersReconnected = 0;
  let allIn: () => void = () => {};
  const everyone = new Promise<void>((resolve) => (allIn = resolve));
  const offs = rig.swarms.map((s) =>
    s.on((m) => {
      if (m.cmd !== 'resynced') return;
      if (m.index % 2 === 0) {
        othersReconnected++; // a display of the surviving node lost its connection too
        return;
      }
      if (!resynced.has(m.index)) resynced.set(m.index, m);
      if (resynced.size >= onVictim) allIn();
    }),
  );
  const from = await rig.version(survivor);
  const killedAt = nowMs();
  await victim.kill();
  // The hall does not wait for its screens: calls go on at the surviving node meanwhile.
  const during = rig.calls({ perSecond: 4, durationMs: 3000, nodes: [survivor] });
  const timer = new Promise<void>((r) => setTimeout(r, opts.timeoutMs));
  await Promise.race([everyone, timer]);
  const run = await during;
  offs.forEach((off) => off());
  const to = await rig.version(survivor);
  await Promise.all(rig.swarms.map((s) => s.ask({ cmd: 'wait-version', version: to, timeoutMs: 10_000 }, 'at-version')));
  const collected = await Promise.all(rig.swarms.map((s) => s.ask({ cmd: 'collect', fromVersion: from, toVersion: to }, 'collected')));
  const times = [...resynced.values()].map((m) => m.resyncedAt - killedAt);
  return {
    displays: rig.displays,
    displaysOnKilledNode: onVictim,
    resynced: resynced.size,
    othersReconnected,
    allResyncedMs: times.length ? Math.round(Math.max(...times)) : NaN,
    resync: summarize(times),
    failedAttempts: [...resynced.values()].reduce((s, m) => s + m.attempts - 1, 0),
    callsDuringStorm: run.sentAt.size,
    lostEvents: collected.reduce((s, c) => s + c.lost, 0),
    displaysWithLoss: collected.reduce((s, c) => s + c.displaysWithLoss, 0),
  };
}
