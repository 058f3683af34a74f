/** What machine a benchmark ran on, and how busy it was (other work skews every number). */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  redis: string;
  kernel: string;
  /** 1-minute load average when the run started, and other test runs seen then. */
  loadAtStart: number;
  otherTestRunsAtStart: number;
}

/** Processes of other test runs (vitest) on this machine right now. */
export function otherTestRuns(): number {
  try {
    const out = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    return out.split('\n').filter((l) => /vitest/.test(l) && !/\bps\b/.test(l)).length;
  } catch {
    return -1;
  }
}

export function machine(): Machine {
  const redis = execFileSync('redis-server', ['--version'], { encoding: 'utf8' }).match(/v=(\S+)/)?.[1] ?? 'unknown';
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    redis,
    kernel: release(),
    loadAtStart: Math.round(loadavg()[0]! * 100) / 100,
    otherTestRunsAtStart: otherTestRuns(),
  };
}
