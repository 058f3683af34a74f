import { simulateDay, DEFAULT_PLAN } from '/work/wt-besttime/server/app/history-generator';
import { foldEvents } from '/work/wt-besttime/server/domain/evolve';
import { whatIf, type WhatIfChange } from '/work/wt-besttime/server/domain/what-if';
import { YUXI } from '/work/wt-besttime/server/config/demo-halls';
import { work } from '/work/wt-besttime/server/domain/work';
const day = '2026-11-25';
const events = simulateDay(YUXI, day, { ...DEFAULT_PLAN, tickets: 1000, seed: 21 })!;
const times: number[] = []; const runs: number[] = [];
for (const clock of ['10:00', '11:00', '15:00']) {
  const at = Date.parse(`${day}T${clock}:00+08:00`);
  const state = foldEvents(YUXI, day, events.filter((e) => Date.parse(e.at) <= at));
  for (const w of state.windows.values()) {
    const change: WhatIfChange = w.status === 'closed' ? { action: 'open', windowId: w.id, areaId: w.areaIds[0]! } : { action: 'close', windowId: w.id };
    const before = work.estimatesRun;
    const t = performance.now();
    whatIf(state, change, at, () => 12);
    times.push(performance.now() - t); runs.push(work.estimatesRun - before);
  }
}
times.sort((a, b) => a - b);
const r1 = (x: number) => Math.round(x * 10) / 10;
console.log(JSON.stringify({ answers: times.length, median: r1(times[Math.floor(times.length / 2)]!), p99: r1(times[Math.ceil(times.length * 0.99) - 1]!), max: r1(times.at(-1)!), playOuts: { total: runs.reduce((a, b) => a + b, 0), max: Math.max(...runs) } }));
