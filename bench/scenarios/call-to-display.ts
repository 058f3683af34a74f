/**
 * Scenario 3 — call → display latency: from the moment a clerk's call-next request is sent to the
 * moment each wall display (in its own process, on either of two nodes) receives the
 * `ticket.called` push, with every version of the hall checked on every display (lost events).
 */
import type { DisplayRig } from '../support/display-rig';
import { summarize, type LatencySummary } from '../support/stats';

export interface CallToDisplayResult {
  displays: number;
  openFailed: number;
  calls: number;
  callsPerSecond: number;
  /** Pushes expected: calls × displays. */
  expectedDeliveries: number;
  deliveries: number;
  latency: LatencySummary;
  /** The call-next HTTP answers themselves. */
  callHttp: LatencySummary;
  /** Versions (any event) some display never received, summed over displays. */
  lostEvents: number;
  displaysWithLoss: number;
  nobodyWaiting: number;
  /** Share of one core each node used during the calls. */
  nodeCores: number[];
}

export async function callToDisplay(rig: DisplayRig, opts: { displays: number; perSecond: number; durationMs: number }): Promise<CallToDisplayResult> {
  const opened = await rig.openDisplays(opts.displays);
  // A few calls first, unmeasured: a server in service is warm (compiled code, espeak-ng cached).
  await rig.calls({ perSecond: opts.perSecond, durationMs: 2000, nodes: rig.cluster.nodes });
  await Promise.all(rig.swarms.map((s) => s.ask({ cmd: 'mark' }, 'marked')));
  const nodes = rig.cluster.nodes;
  const from = await rig.version();
  const cpu0 = nodes.map((n) => n.cpuMs());
  const t0 = performance.now();
  const run = await rig.calls({ perSecond: opts.perSecond, durationMs: opts.durationMs, nodes });
  const cores = nodes.map((n, i) => Math.round(((n.cpuMs() - cpu0[i]!) / (performance.now() - t0)) * 100) / 100);
  const to = await rig.version();
  // Pushes still on their way are given 10 s; what has not arrived by then is lost.
  await Promise.all(rig.swarms.map((s) => s.ask({ cmd: 'wait-version', version: to, timeoutMs: 10_000 }, 'at-version')));
  const collected = await Promise.all(rig.swarms.map((s) => s.ask({ cmd: 'collect', fromVersion: from, toVersion: to }, 'collected')));

  const latencies: number[] = [];
  for (const c of collected) {
    for (const [ticketId, times] of Object.entries(c.receipts)) {
      const sent = run.sentAt.get(ticketId);
      if (sent === undefined) continue; // a call from before the mark
      for (const t of times) latencies.push(t - sent);
    }
  }
  return {
    displays: opts.displays,
    openFailed: opened.failed,
    calls: run.sentAt.size,
    callsPerSecond: opts.perSecond,
    expectedDeliveries: run.sentAt.size * opts.displays,
    deliveries: latencies.length,
    latency: summarize(latencies),
    callHttp: run.http,
    lostEvents: collected.reduce((s, c) => s + c.lost, 0),
    displaysWithLoss: collected.reduce((s, c) => s + c.displaysWithLoss, 0),
    nobodyWaiting: run.nobodyWaiting,
    nodeCores: cores,
  };
}
