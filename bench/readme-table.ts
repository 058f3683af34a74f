/**
 * Writes a run's table into bench/README.md between `<!-- bench:start -->` and `<!-- bench:end -->`,
 * leaving the rest of that page as it is. (The project README links there: it stays short.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { BenchResults } from './results-types';

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The page the table lives in; links in it are relative to its folder. */
export const BENCH_README = 'bench/README.md';

/** `resultsPath` is relative to the repository root (`bench/results/….json`). */
export function renderTable(r: BenchResults, resultsPath: string): string {
  const href = relative(dirname(BENCH_README), resultsPath);
  const m = r.machine;
  const lines = [
    `Run ${r.startedAt} (${Math.round(r.durationSeconds)} s) on ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB RAM, ` +
      `Node ${m.node}, Redis ${m.redis} (AOF, appendfsync always), Linux ${m.kernel}; ` +
      (r.otherTestRunsDuring > 0 || m.otherTestRunsAtStart > 0
        ? `**other test runs shared the machine** (${Math.max(r.otherTestRunsDuring, m.otherTestRunsAtStart)} vitest processes seen; load ${m.loadAtStart} at start).`
        : `machine otherwise idle (load ${m.loadAtStart} at start).`) +
      ` Full numbers: [\`${resultsPath}\`](${href}).`,
    '',
    '| scenario | measured | floor (same run) | target | result |',
    '| --- | --- | --- | --- | --- |',
    ...r.verdicts.map(
      (v) =>
        `| ${cell(v.what)} | ${cell(v.measured)} | ${cell(v.floor || '—')} | ${cell(v.target)} | ${v.met === false ? `**${cell(v.result)}**` : cell(v.result)} |`,
    ),
  ];
  const where = whereTimeGoes(r);
  if (where) lines.push('', where);
  return lines.join('\n');
}

const ms2 = (x: number) => `${x.toFixed(2)} ms`;
const commands = (c: Record<string, number>) =>
  Object.entries(c)
    .filter(([, k]) => k >= 0.1)
    .map(([cmd, k]) => `${cmd} ${k}`)
    .join(', ');

/** CPU per request by process, and Redis commands per request: where a target's time went. */
function whereTimeGoes(r: BenchResults): string {
  const parts: string[] = [];
  if (r.ticketIssue) {
    const q = r.ticketIssue.qms;
    const f = r.ticketIssue.floor;
    parts.push(
      `CPU per ticket issued: hall server ${ms2(q.cpuMsPerRequest.servers)} (floor server ${ms2(f.cpuMsPerRequest.servers)}), ` +
        `Redis ${ms2(q.cpuMsPerRequest.redis)} (floor ${ms2(f.cpuMsPerRequest.redis)}), load driver ${ms2(q.cpuMsPerRequest.driver)}; ` +
        `the hall server used ${q.cores.servers} of a core. Redis commands per ticket: ${commands(q.redisCommandsPerRequest)}.`,
    );
  }
  if (r.callNext) {
    const q = r.callNext.qms;
    parts.push(
      `CPU per call-next or complete: hall server ${ms2(q.cpuMsPerRequest.servers)}, espeak-ng making call audio ${ms2(q.cpuMsPerRequest.serverChildren)}, ` +
        `Redis ${ms2(q.cpuMsPerRequest.redis)}; the hall server used ${q.cores.servers} of a core, espeak-ng ${q.cores.serverChildren}. ` +
        `Redis commands per request: ${commands(q.redisCommandsPerRequest)}.`,
    );
  }
  return parts.join(' ');
}

/** Replaces what is between the markers; throws if the page has none. */
export function updateReadme(readmePath: string, table: string): void {
  const text = readFileSync(readmePath, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${readmePath} has no ${START} … ${END} section`);
  writeFileSync(readmePath, `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`);
}
