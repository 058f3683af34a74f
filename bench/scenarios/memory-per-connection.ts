/**
 * Scenario 5 — memory per display connection: the nodes' memory before and after displays
 * connect, each reading taken right after a full garbage collection (through the inspector), the
 * difference divided by the displays added. V8 heap is what a connection keeps alive in
 * JavaScript; RSS also counts socket buffers and memory V8 keeps but does not use.
 */
import type { DisplayRig } from '../support/display-rig';
import type { Memory } from '../support/inspector';

export interface MemoryStep {
  fromDisplays: number;
  toDisplays: number;
  /** Summed over the nodes, bytes. */
  before: Memory;
  after: Memory;
  /** Bytes per connection added. */
  rssPerConnection: number;
  heapPerConnection: number;
  externalPerConnection: number;
  openMs: number;
  openFailed: number;
}

function sum(xs: Memory[]): Memory {
  return xs.reduce((s, m) => ({ rss: s.rss + m.rss, heapUsed: s.heapUsed + m.heapUsed, external: s.external + m.external }), {
    rss: 0,
    heapUsed: 0,
    external: 0,
  });
}

/** Opens displays up to `total` and measures what the nodes grew by. */
export async function openAndMeasure(rig: DisplayRig, total: number): Promise<MemoryStep> {
  const fromDisplays = rig.displays;
  const before = sum(await rig.memory());
  const opened = await rig.openDisplays(total);
  const after = sum(await rig.memory());
  const added = total - fromDisplays;
  const per = (k: keyof Memory) => Math.round((after[k] - before[k]) / added);
  return {
    fromDisplays,
    toDisplays: total,
    before,
    after,
    rssPerConnection: per('rss'),
    heapPerConnection: per('heapUsed'),
    externalPerConnection: per('external'),
    openMs: opened.ms,
    openFailed: opened.failed,
  };
}
