/**
 * A day of one area played with a given number of windows each hour, first come first served:
 * what the staffing advice is checked against (tests/unit/staffing.test.ts, bench forecast). Each
 * citizen holds a window for a log-normal time (sigma 0.5, as generated services) around the
 * area's mean; a window closing at the hour finishes its citizen first; citizens still waiting at
 * the day's end are served by the last hour's windows. Seeded, so a run is repeatable.
 */
export interface AreaDay {
  /** Arrival instants, minutes from midnight, ascending. */
  arrivals: readonly number[];
  /** Windows open in each hour (index 0–23); an hour without a value has none. */
  windows: readonly number[];
  holdMinutes: number;
  seed: number;
}

/** Waits (minutes) by arrival hour. */
export function playAreaDay(d: AreaDay): Map<number, number[]> {
  let a = d.seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hold = () => d.holdMinutes * Math.exp(0.5 * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd()) - 0.125);
  const lastOpen = d.windows.reduce((last, c, h) => (c > 0 ? h : last), -1);
  const cAt = (t: number): number => {
    const h = Math.floor(t / 60);
    return h > lastOpen ? (d.windows[lastOpen] ?? 0) : (d.windows[h] ?? 0);
  };
  const free = new Array<number>(Math.max(1, ...d.windows)).fill(0);
  const waits = new Map<number, number[]>();
  for (const arrival of d.arrivals) {
    let t = arrival;
    let start = Infinity;
    for (let guard = 0; guard < 100; guard++) {
      const c = cAt(t);
      if (c === 0) {
        if (Math.floor(t / 60) > lastOpen) break;
        t = (Math.floor(t / 60) + 1) * 60;
        continue;
      }
      let k = 0;
      for (let i = 1; i < c; i++) if (free[i]! < free[k]!) k = i;
      const s = Math.max(t, free[k]!);
      // The window may have closed by then: look again from that moment.
      if (Math.floor(s / 60) !== Math.floor(t / 60) && cAt(s) <= k) {
        t = Math.max(s, (Math.floor(t / 60) + 1) * 60);
        continue;
      }
      start = s;
      free[k] = s + hold();
      break;
    }
    const h = Math.floor(arrival / 60);
    const list = waits.get(h) ?? [];
    list.push(start - arrival);
    waits.set(h, list);
  }
  return waits;
}

/** The 90th percentile of a list of waits (Infinity for a citizen never served). */
export function p90(waits: readonly number[]): number {
  const sorted = [...waits].sort((x, y) => x - y);
  return sorted[Math.ceil(0.9 * sorted.length) - 1] ?? 0;
}
