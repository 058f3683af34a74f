/**
 * Prometheus metrics of the halls (prom-client), one registry per server.
 *
 * Per node: the histograms and counters are fed from the events *this process* commits
 * (`HallService.onCommitted`), so with several nodes behind a balancer each node counts its own
 * share and Prometheus adds them up (`sum by (hall, area) (...)`). A restart starts them from zero,
 * as Prometheus counters expect (`rate()` handles resets).
 * Hall-wide: the gauges (waiting tickets, open windows, longest wait) are read from each hall's
 * caught-up state once per scrape, so every node reports the same value (aggregate with `max`, not `sum`).
 *
 * Detail (`QMS_METRICS_DETAIL`): `area` labels every ticket figure with its hall and area; `hall`
 * (the default above 100 halls) drops the area label and uses coarser buckets, so that a province
 * node of 1,300 halls stays under ~50,000 series after a busy day instead of ~400,000.
 */
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { HallService } from '../app/hall-service';
import type { HallEvent } from '../domain/events';
import type { HallConfig, HallState } from '../domain/types';
import { openWindowsFor } from '../domain/open-windows';
import { longestWait, waitLevel } from '../domain/hall-overview';
import type { EventStore } from '../store/event-store';
import type { ReplicationState } from '../store/redis-store';
import { isFirstEnd } from '../domain/requeue';
import { CounterFamily, GaugeFamily, HistogramFamily, familiesText, type Labels, type MetricFamily } from './metric-family';
import { TimeSlice } from '../app/time-slice';

export type MetricsDetail = 'area' | 'hall';

/** Above this many halls a node reports per hall unless told otherwise. */
export const AREA_DETAIL_MAX_HALLS = 100;

/** The detail in effect: the configured one, else per area for up to 100 halls and per hall above. */
export function metricsDetailFor(configured: MetricsDetail | null, hallCount: number): MetricsDetail {
  return configured ?? (hallCount > AREA_DETAIL_MAX_HALLS ? 'hall' : 'area');
}

/** Bucket edges (seconds) by detail: fine per area; per hall only what dashboards and alerts read. */
const BUCKETS: Record<MetricsDetail, { wait: number[]; service: number[]; walk: number[] }> = {
  area: {
    // Waits (issued → first called): from a quick call to a long afternoon.
    wait: [30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200],
    // Service (started → completed) and walk (called → started).
    service: [30, 60, 120, 180, 300, 450, 600, 900, 1200, 1800, 3600],
    walk: [10, 20, 30, 45, 60, 90, 120, 180, 300],
  },
  hall: {
    wait: [60, 300, 600, 1200, 1800, 3600],
    service: [300, 600, 1200, 1800],
    // The walk's average (sum / count) is what a province looks at; its shape is an area question.
    walk: [],
  },
};

/** Halls whose state is read together for the gauges before the event loop gets a turn. */
const GAUGE_CHUNK = 100;

/** A scrape never waits longer than this for the store's answer (a down store is what it reports). */
const STORE_PROBE_MS = 1_000;

/** A Redis-backed store tells its memory; the embedded one has none to tell. */
type MemoryProbe = { memory(): Promise<{ usedBytes: number; maxBytes: number }> };
const hasMemory = (store: EventStore): store is EventStore & MemoryProbe => typeof (store as Partial<MemoryProbe>).memory === 'function';
/** A Redis-backed store tells how its writes are confirmed by replicas (null: no replica wait). */
type ReplicationProbe = { replication(): ReplicationState | null };
const hasReplication = (store: EventStore): store is EventStore & ReplicationProbe => typeof (store as Partial<ReplicationProbe>).replication === 'function';

function withinProbeTime<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('store did not answer in time')), STORE_PROBE_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** One pass over a hall's state: every gauge of the scrape comes from it. */
interface HallFigures {
  areas: Array<{ id: string; waiting: number; open: number; longestWaitSeconds: number; overAlert: boolean }>;
  windows: { open: number; paused: number; closed: number };
}

function figures(config: HallConfig, state: HallState, now: number): HallFigures {
  const areas = config.areas.map((a) => {
    const longestWaitSeconds = longestWait(state, a.id, now);
    return {
      id: a.id,
      waiting: state.waiting.get(a.id)?.size ?? 0,
      open: openWindowsFor(state, a.id),
      longestWaitSeconds,
      overAlert: waitLevel(config, a.id, longestWaitSeconds) === 'alert',
    };
  });
  const windows = { open: 0, paused: 0, closed: 0 };
  for (const w of state.windows.values()) windows[w.status]++;
  return { areas, windows };
}

export class HallMetrics {
  /** The node's own figures (process, heap, event-loop lag) and the store probes. */
  readonly registry = new Registry();
  readonly detail: MetricsDetail;
  private readonly wait: HistogramFamily;
  private readonly walk: HistogramFamily;
  private readonly service: HistogramFamily;
  private readonly issued: CounterFamily;
  private readonly finished: CounterFamily;
  private readonly transferred: CounterFamily;
  private readonly ratings: CounterFamily;
  private readonly printerFailures: CounterFamily;
  private readonly waitingGauge: GaugeFamily;
  private readonly openGauge: GaugeFamily;
  private readonly longestGauge: GaugeFamily;
  private readonly overAlertGauge: GaugeFamily;
  private readonly windowsGauge: GaugeFamily;
  /** Every family of the halls, in the order they are written. */
  private readonly families: MetricFamily[];
  private readonly unsubscribe: () => void;
  /** The halls the gauges were last set for (ids, one a line). */
  private gaugeHalls = '';
  /** The scrape being written, if one is. */
  private writing: Promise<{ contentType: string; body: string }> | null = null;

  constructor(
    private readonly halls: HallService,
    opts: { detail?: MetricsDetail | null; store?: EventStore } = {},
  ) {
    this.detail = metricsDetailFor(opts.detail ?? null, halls.halls().length);
    const byArea = this.detail === 'area';
    const ticketLabels = byArea ? ['hall', 'area'] : ['hall'];
    const buckets = BUCKETS[this.detail];
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'qms_' });
    this.wait = new HistogramFamily('qms_ticket_wait_seconds', 'Waiting time from issue to first call, per ticket (this node)', ticketLabels, buckets.wait);
    this.walk = new HistogramFamily('qms_ticket_walk_seconds', 'Time from call to start of service at the window (this node)', ticketLabels, buckets.walk);
    this.service = new HistogramFamily('qms_ticket_service_seconds', 'Service time from start to completion (this node)', ticketLabels, buckets.service);
    this.issued = new CounterFamily('qms_tickets_issued_total', 'Tickets issued (this node)', ticketLabels);
    this.finished = new CounterFamily(
      'qms_tickets_finished_total',
      'Tickets by how they first ended: done (served), no_show, or cancelled (still open when the day was closed); a re-queued no-show (过号重排) stays counted once, as no_show (this node)',
      [...ticketLabels, 'status'],
    );
    this.transferred = new CounterFamily(
      'qms_tickets_transferred_total',
      'Tickets transferred to another area (联办), by the area they left (this node)',
      ticketLabels,
    );
    this.ratings = new CounterFamily('qms_ratings_total', 'Ratings (好差评) by score (this node)', ['hall', 'score']);
    this.printerFailures = new CounterFamily('qms_printer_failures_total', 'Tickets a kiosk failed to print (this node)', ['hall', 'device']);
    this.waitingGauge = new GaugeFamily(
      'qms_waiting_tickets',
      `Tickets waiting now, per ${byArea ? 'area' : 'hall'} (hall-wide, the same on every node)`,
      ticketLabels,
    );
    this.openGauge = new GaugeFamily(
      'qms_open_windows',
      byArea ? 'Windows open (staffed, not paused) for each area now (hall-wide)' : 'Windows open (staffed, not paused) now (hall-wide)',
      ticketLabels,
    );
    this.longestGauge = new GaugeFamily(
      'qms_longest_wait_seconds',
      `Longest wait of a ticket still waiting now, per ${byArea ? 'area' : 'hall'} (hall-wide)`,
      ticketLabels,
    );
    this.overAlertGauge = new GaugeFamily(
      'qms_areas_over_wait_alert',
      "Areas whose longest wait is at or over the hall's alert threshold now (waitAlerts, else the aging time) (hall-wide)",
      ['hall'],
    );
    this.windowsGauge = new GaugeFamily('qms_windows', 'Windows by status now; a status no window has is left out (hall-wide)', ['hall', 'status']);
    this.families = [
      this.wait,
      this.walk,
      this.service,
      this.issued,
      this.finished,
      this.transferred,
      this.ratings,
      this.printerFailures,
      this.waitingGauge,
      this.openGauge,
      this.longestGauge,
      this.overAlertGauge,
      this.windowsGauge,
    ];

    const store = opts.store;
    if (store) {
      new Gauge({
        name: 'qms_store_up',
        help: `1 when this node's store (${store.kind}) answers a ping within ${STORE_PROBE_MS} ms, else 0`,
        registers,
        async collect() {
          this.set(
            await withinProbeTime(store.ping()).then(
              () => 1,
              () => 0,
            ),
          );
        },
      });
    }
    if (store && hasMemory(store)) {
      const memory = () => withinProbeTime(store.memory()).catch(() => null);
      new Gauge({
        name: 'qms_redis_memory_used_bytes',
        help: 'Memory Redis uses (INFO memory used_memory); 0 while Redis does not answer (see qms_store_up)',
        registers,
        async collect() {
          const m = await memory();
          this.set(m?.usedBytes ?? 0);
        },
      });
      new Gauge({
        name: 'qms_redis_maxmemory_bytes',
        help: "Redis's maxmemory (0: no limit, or Redis does not answer)",
        registers,
        async collect() {
          const m = await memory();
          this.set(m?.maxBytes ?? 0);
        },
      });
    }

    const replication = store && hasReplication(store) && store.replication() ? () => store.replication()! : null;
    if (replication) {
      // Read from the store's last look at the primary (every second), not asked at each scrape.
      new Gauge({
        name: 'qms_redis_replication_degraded',
        help: 'Set to 1 while tickets are confirmed by fewer replicas than QMS_REDIS_WAIT_REPLICAS (down to the primary alone: a failover now could lose them) because fewer are connected to the primary; always 0 with QMS_REDIS_WAIT_STRICT=1, which refuses tickets instead',
        registers,
        collect() {
          this.set(replication().degraded ? 1 : 0);
        },
      });
      new Gauge({
        name: 'qms_redis_replicas_confirming',
        help: 'Replicas each ticket waits for now (Redis WAIT); 0: the primary alone',
        registers,
        collect() {
          this.set(replication().confirming);
        },
      });
      new Gauge({
        name: 'qms_redis_replicas_connected',
        help: 'Replicas in sync with the primary at the last look (INFO replication, every second)',
        registers,
        collect() {
          this.set(replication().connected ?? 0);
        },
      });
      new Gauge({
        name: 'qms_redis_replicas_wanted',
        help: 'Replicas each ticket should wait for (QMS_REDIS_WAIT_REPLICAS)',
        registers,
        collect() {
          this.set(replication().wanted);
        },
      });
    }

    this.unsubscribe = halls.onCommitted((events, state) => this.observe(events, state));
  }

  private labels(hall: string, area: string): Labels {
    return this.detail === 'area' ? { hall, area } : { hall };
  }

  /** Counts what committed events say happened. */
  observe(events: readonly HallEvent[], state: HallState): void {
    // A ticket counts as finished once: a re-queued no-show ending again is not a second ticket.
    const firstEnd = (ticketId: string) => isFirstEnd(state.tickets.get(ticketId));
    for (const e of events) {
      const hall = e.hallId;
      switch (e.type) {
        case 'ticket.issued':
          this.issued.inc(this.labels(hall, e.ticket.areaId));
          break;
        case 'ticket.called':
          if (e.firstCall) this.wait.observe(this.labels(hall, e.ticket.areaId), e.waitMs / 1000);
          break;
        case 'ticket.started':
          this.walk.observe(this.labels(hall, e.ticket.areaId), e.walkMs / 1000);
          break;
        case 'ticket.completed':
          this.service.observe(this.labels(hall, e.ticket.areaId), e.serviceMs / 1000);
          if (firstEnd(e.ticket.id)) this.finished.inc({ ...this.labels(hall, e.ticket.areaId), status: 'done' });
          break;
        case 'ticket.no_show':
          if (firstEnd(e.ticket.id)) this.finished.inc({ ...this.labels(hall, e.ticket.areaId), status: 'no_show' });
          break;
        case 'day.closed':
          for (const t of e.tickets) if (firstEnd(t.id)) this.finished.inc({ ...this.labels(hall, t.areaId), status: 'cancelled' });
          break;
        case 'ticket.transferred':
          this.transferred.inc(this.labels(hall, e.fromAreaId));
          break;
        case 'ticket.step_completed':
          this.service.observe(this.labels(hall, e.fromAreaId), e.serviceMs / 1000);
          break;
        case 'rating.submitted':
          this.ratings.inc({ hall, score: String(e.score) });
          break;
        case 'printer.failed':
          this.printerFailures.inc({ hall, device: e.deviceId });
          break;
        default:
          break;
      }
    }
  }

  /**
   * Sets every hall-wide gauge from one read of each hall's state. A hall whose store is down
   * keeps its last values (its figures are not known now, and zero would be a lie).
   */
  private async refreshGauges(slice: TimeSlice): Promise<void> {
    const halls = this.halls.halls();
    const live = halls.map((h) => h.id).join('\n');
    if (live !== this.gaugeHalls) {
      // A hall was retired (or added): retired halls leave; halls that could not be read keep their last values.
      const ids = new Set(halls.map((h) => h.id));
      for (const gauge of [this.waitingGauge, this.openGauge, this.longestGauge, this.overAlertGauge, this.windowsGauge]) {
        gauge.removeWhere((labels) => !ids.has(labels.hall!));
      }
      this.gaugeHalls = live;
    }
    // A chunk of halls is read together (their runners answer in parallel), then the loop gets a turn.
    for (let i = 0; i < halls.length; i += GAUGE_CHUNK) {
      const read = await Promise.all(
        halls.slice(i, i + GAUGE_CHUNK).map(async (config) => {
          try {
            return { config, figures: await this.halls.query(config.id, (state, now) => figures(config, state, now)) };
          } catch {
            return { config, figures: null };
          }
        }),
      );
      for (const { config, figures: f } of read) if (f) this.setGauges(config.id, f);
      await slice.pause();
    }
  }

  private setGauges(hall: string, f: HallFigures): void {
    if (this.detail === 'area') {
      for (const a of f.areas) {
        this.waitingGauge.set({ hall, area: a.id }, a.waiting);
        this.openGauge.set({ hall, area: a.id }, a.open);
        this.longestGauge.set({ hall, area: a.id }, a.longestWaitSeconds);
      }
    } else {
      this.waitingGauge.set(
        { hall },
        f.areas.reduce((n, a) => n + a.waiting, 0),
      );
      // A window serving several areas counts once per area it serves: per hall, count windows.
      this.openGauge.set({ hall }, f.windows.open);
      this.longestGauge.set(
        { hall },
        f.areas.reduce((n, a) => Math.max(n, a.longestWaitSeconds), 0),
      );
    }
    this.overAlertGauge.set({ hall }, f.areas.filter((a) => a.overAlert).length);
    for (const status of ['open', 'paused', 'closed'] as const) {
      const n = f.windows[status];
      if (n > 0) this.windowsGauge.set({ hall, status }, n);
      else this.windowsGauge.remove({ hall, status });
    }
  }

  /**
   * The Prometheus text exposition: the node's own figures from prom-client, then the halls'.
   * Scrapes asked for while one is being written share it (two Prometheus servers, a retry).
   */
  text(): Promise<{ contentType: string; body: string }> {
    this.writing ??= this.write().finally(() => {
      this.writing = null;
    });
    return this.writing;
  }

  private async write(): Promise<{ contentType: string; body: string }> {
    const slice = new TimeSlice();
    await this.refreshGauges(slice);
    const own = await this.registry.metrics();
    return { contentType: this.registry.contentType, body: own + (await familiesText(this.families)) };
  }

  close(): void {
    this.unsubscribe();
    this.registry.clear();
  }
}
