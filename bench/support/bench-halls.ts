/**
 * The halls the benchmarks run on: the two demo halls and copies of the Yuxi city hall (21 windows,
 * 8 areas), as a city cluster's server would hold several halls. Written as a `QMS_CONFIG` file;
 * with `QMS_DEMO=1` every account in it has the demo password.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_HALLS, YUXI } from '../../server/config/demo-halls';
import type { HallConfig } from '../../server/domain/types';

export interface BenchHall {
  id: string;
  kiosk: string;
  /** The hall's wall-display device account. */
  display: string;
  /** Window id → the clerk account that belongs there. */
  clerks: Array<{ windowId: string; clerk: string }>;
  areaIds: string[];
}

function copyOfYuxi(n: number): HallConfig {
  const id = `bench-${String(n).padStart(2, '0')}`;
  const rename = (account: string) => `${id}-${account}`;
  return {
    ...structuredClone(YUXI),
    id,
    name: `${YUXI.name}（压测${n}）`,
    staff: YUXI.staff.map((s) => ({ ...s, id: rename(s.id) })),
    devices: YUXI.devices.map((d) => ({ ...d, id: rename(d.id) })),
  };
}

/**
 * Writes a config with `count` halls (at least the two demo halls) into `dir`; returns its path and
 * the halls. `policy` overrides part of every hall's queue policy (a scenario that compresses a day
 * into seconds sets what the halls' rules allow it to do that fast).
 */
export function writeBenchHalls(dir: string, count: number, policy: Partial<HallConfig['policy']> = {}): { path: string; halls: BenchHall[] } {
  const configs: HallConfig[] = [...DEMO_HALLS.map((h) => structuredClone(h))];
  for (let n = configs.length + 1; configs.length < count; n++) configs.push(copyOfYuxi(n));
  for (const c of configs) c.policy = { ...c.policy, ...policy };
  const path = join(dir, 'bench-halls.json');
  writeFileSync(path, JSON.stringify({ halls: configs }, null, 1));
  const halls = configs.map((h): BenchHall => {
    const clerkIds = h.staff.filter((s) => s.role === 'clerk').map((s) => s.id);
    return {
      id: h.id,
      kiosk: h.devices.find((d) => d.kind === 'kiosk')!.id,
      display: h.devices.find((d) => d.kind === 'display')!.id,
      // Clerk NN belongs at window NN (the demo's convention, kept by the copies).
      clerks: h.windows.map((w) => ({ windowId: w.id, clerk: clerkIds.find((c) => c.endsWith(`clerk${String(w.number).padStart(2, '0')}`))! })),
      areaIds: h.areas.map((a) => a.id),
    };
  });
  return { path, halls };
}
