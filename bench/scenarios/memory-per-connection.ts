/**
 * Scenario 5 — memory per display connection: the nodes' resident memory (and V8 heap in use)
 * before and after displays connect, the difference divided by the displays added.
 */
import type { DisplayRig } from '../support/display-rig';

export interface MemoryStep {
  fromDisplays: number;
  toDisplays: number;
  /** Summed over the nodes, bytes. */
  rssBefore: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
  rssPerConnection: number;
  heapPerConnection: number;
  openMs: number;
  openFailed: number;
}

const SETTLE_MS = 2000;

/** Opens displays up to `total` and measures what the nodes grew by. */
export async function openAndMeasure(rig: DisplayRig, total: number): Promise<MemoryStep> {
  const fromDisplays = rig.displays;
  const sum = (xs: Array<{ rss: number; heapUsed: number }>, k: 'rss' | 'heapUsed') => xs.reduce((s, x) => s + x[k], 0);
  const before = await rig.memory();
  const opened = await rig.openDisplays(total);
  // Connection set-up leaves garbage behind; let the nodes settle before reading.
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const after = await rig.memory();
  const added = total - fromDisplays;
  return {
    fromDisplays,
    toDisplays: total,
    rssBefore: sum(before, 'rss'),
    rssAfter: sum(after, 'rss'),
    heapBefore: sum(before, 'heapUsed'),
    heapAfter: sum(after, 'heapUsed'),
    rssPerConnection: Math.round((sum(after, 'rss') - sum(before, 'rss')) / added),
    heapPerConnection: Math.round((sum(after, 'heapUsed') - sum(before, 'heapUsed')) / added),
    openMs: opened.ms,
    openFailed: opened.failed,
  };
}
