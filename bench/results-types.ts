/** The shape of a benchmark run's JSON under bench/results/. */
import type { CallNextResult } from './scenarios/call-next';
import type { CallToDisplayResult } from './scenarios/call-to-display';
import type { CatalogueResult } from './scenarios/catalogue';
import type { HistoryReportResult } from './scenarios/history-report';
import type { HallsReportResult } from './scenarios/halls-report';
import type { RedisHistoryResult } from './scenarios/redis-history';
import type { ProvinceMetricsResult } from './scenarios/province-metrics';
import type { ForecastBenchResult } from './scenarios/forecast';
import type { NodeStartResult } from './scenarios/node-start';
import type { MemoryStep } from './scenarios/memory-per-connection';
import type { ReconnectStormResult } from './scenarios/reconnect-storm';
import type { IssuePoint, TicketIssueResult } from './scenarios/ticket-issue';
import type { PhoneFollowersResult } from './scenarios/phone-followers';
import type { HotPathResult } from './scenarios/hot-path';
import type { Machine } from './support/machine';

export interface Verdict {
  what: string;
  measured: string;
  /** The floor measured in the same run, where there is one. */
  floor: string;
  target: string;
  /** Null: no target, only a measurement. */
  met: boolean | null;
  /** What missed, said plainly ("missed: 720 tickets/s < 1,000"), or "met". */
  result: string;
}

export interface BenchResults {
  startedAt: string;
  durationSeconds: number;
  machine: Machine;
  /** Other test runs seen while the benchmark ran (they compete for the 2 cores). */
  otherTestRunsDuring: number;
  settings: {
    halls: number;
    clients: number;
    warmupMs: number;
    durationMs: number;
    displaySwarms: number;
    callsPerSecond: number;
    displayRunMs: number;
  };
  ticketIssue?: TicketIssueResult;
  /** Shorter runs with other numbers of kiosk clients (1 node). */
  ticketIssueCurve?: IssuePoint[];
  /** The main load again after call-next: windows open, so every answer carries a wait estimate. */
  ticketIssueWindowsOpen?: IssuePoint;
  /** The main load on two nodes, halls split between them. */
  ticketIssueTwoNodes?: IssuePoint;
  /** Issue 24: ticket issue in one hall, empty and with 5,000 tickets open, CPU per ticket beside each. */
  hotPath?: HotPathResult;
  callNext?: CallNextResult;
  memory?: MemoryStep[];
  callToDisplay?: CallToDisplayResult[];
  reconnectStorm?: ReconnectStormResult;
  catalogue?: CatalogueResult;
  /** Issue 16: 1,000 phones following their tickets in one busy hall, before (re-reads) and after (pushes). */
  phoneFollowers?: PhoneFollowersResult;
  historyReport?: HistoryReportResult;
  /** Issue 13: a 30-day report across 100 halls. */
  hallsReport?: HallsReportResult;
  /** Issue 13: Redis memory over generated days, alone vs with PostgreSQL behind it. */
  redisHistory?: RedisHistoryResult;
  provinceMetrics?: ProvinceMetricsResult;
  /** Issue 22: a 1,300-hall node's first start and restart, embedded store and Redis. */
  nodeStart?: NodeStartResult;
  /** Issue 27: the arrival forecast against the naive rules on generated years. */
  forecast?: ForecastBenchResult;
  verdicts: Verdict[];
}
