/**
 * Prometheus metrics of the halls (prom-client), one registry per server.
 *
 * Per node: the histograms and counters are fed from the events *this process* commits
 * (`HallService.onCommitted`), so with several nodes behind a balancer each node counts its own
 * share and Prometheus adds them up (`sum by (hall, area) (...)`). A restart starts them from zero,
 * as Prometheus counters expect (`rate()` handles resets).
 * Hall-wide: the gauges (waiting tickets, open windows) are read from the hall's caught-up state
 * when scraped, so every node reports the same value (aggregate with `max`, not `sum`).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HallService } from '../app/hall-service';
import type { HallEvent } from '../domain/events';
import type { HallState } from '../domain/types';
import { openWindowsFor } from '../domain/open-windows';

/** Waits (issued → first called), seconds: from a quick call to a long afternoon. */
const WAIT_BUCKETS = [30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200];
/** Service (started → completed) and walk (called → started), seconds. */
const SERVICE_BUCKETS = [30, 60, 120, 180, 300, 450, 600, 900, 1200, 1800, 3600];
const WALK_BUCKETS = [10, 20, 30, 45, 60, 90, 120, 180, 300];

export class HallMetrics {
  readonly registry = new Registry();
  private readonly wait: Histogram<'hall' | 'area'>;
  private readonly walk: Histogram<'hall' | 'area'>;
  private readonly service: Histogram<'hall' | 'area'>;
  private readonly issued: Counter<'hall' | 'area'>;
  private readonly finished: Counter<'hall' | 'area' | 'status'>;
  private readonly transferred: Counter<'hall' | 'area'>;
  private readonly ratings: Counter<'hall' | 'score'>;
  private readonly printerFailures: Counter<'hall' | 'device'>;
  private readonly unsubscribe: () => void;

  constructor(private readonly halls: HallService) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'qms_' });
    this.wait = new Histogram({
      name: 'qms_ticket_wait_seconds',
      help: 'Waiting time from issue to first call, per ticket (this node)',
      labelNames: ['hall', 'area'],
      buckets: WAIT_BUCKETS,
      registers,
    });
    this.walk = new Histogram({
      name: 'qms_ticket_walk_seconds',
      help: 'Time from call to start of service at the window (this node)',
      labelNames: ['hall', 'area'],
      buckets: WALK_BUCKETS,
      registers,
    });
    this.service = new Histogram({
      name: 'qms_ticket_service_seconds',
      help: 'Service time from start to completion (this node)',
      labelNames: ['hall', 'area'],
      buckets: SERVICE_BUCKETS,
      registers,
    });
    this.issued = new Counter({ name: 'qms_tickets_issued_total', help: 'Tickets issued (this node)', labelNames: ['hall', 'area'], registers });
    this.finished = new Counter({
      name: 'qms_tickets_finished_total',
      help: 'Tickets by final status: done (served), no_show, or cancelled (still open when the day was closed) (this node)',
      labelNames: ['hall', 'area', 'status'],
      registers,
    });
    this.transferred = new Counter({
      name: 'qms_tickets_transferred_total',
      help: 'Tickets transferred to another area (联办), by the area they left (this node)',
      labelNames: ['hall', 'area'],
      registers,
    });
    this.ratings = new Counter({ name: 'qms_ratings_total', help: 'Ratings (好差评) by score (this node)', labelNames: ['hall', 'score'], registers });
    this.printerFailures = new Counter({
      name: 'qms_printer_failures_total',
      help: 'Tickets a kiosk failed to print (this node)',
      labelNames: ['hall', 'device'],
      registers,
    });

    const service = halls; // `this` inside collect() is the gauge
    new Gauge({
      name: 'qms_waiting_tickets',
      help: 'Tickets waiting now, per area (hall-wide, the same on every node)',
      labelNames: ['hall', 'area'],
      registers,
      async collect() {
        for (const hall of service.halls()) {
          const counts = await hallWide(service, hall.id, (state) => hall.areas.map((a) => [a.id, state.waiting.get(a.id)?.size ?? 0] as const));
          for (const [area, n] of counts ?? []) this.set({ hall: hall.id, area }, n);
        }
      },
    });
    new Gauge({
      name: 'qms_open_windows',
      help: 'Windows open (staffed, not paused) for each area now (hall-wide)',
      labelNames: ['hall', 'area'],
      registers,
      async collect() {
        for (const hall of service.halls()) {
          const counts = await hallWide(service, hall.id, (state) => hall.areas.map((a) => [a.id, openWindowsFor(state, a.id)] as const));
          for (const [area, n] of counts ?? []) this.set({ hall: hall.id, area }, n);
        }
      },
    });
    new Gauge({
      name: 'qms_windows',
      help: 'Windows by status now (hall-wide)',
      labelNames: ['hall', 'status'],
      registers,
      async collect() {
        for (const hall of service.halls()) {
          const counts = await hallWide(service, hall.id, (state) => {
            const by = { open: 0, paused: 0, closed: 0 };
            for (const w of state.windows.values()) by[w.status]++;
            return Object.entries(by);
          });
          for (const [status, n] of counts ?? []) this.set({ hall: hall.id, status }, n);
        }
      },
    });

    this.unsubscribe = halls.onCommitted((events) => this.observe(events));
  }

  /** Counts what committed events say happened. */
  observe(events: readonly HallEvent[]): void {
    for (const e of events) {
      const hall = e.hallId;
      switch (e.type) {
        case 'ticket.issued':
          this.issued.inc({ hall, area: e.ticket.areaId });
          break;
        case 'ticket.called':
          if (e.firstCall) this.wait.observe({ hall, area: e.ticket.areaId }, e.waitMs / 1000);
          break;
        case 'ticket.started':
          this.walk.observe({ hall, area: e.ticket.areaId }, e.walkMs / 1000);
          break;
        case 'ticket.completed':
          this.service.observe({ hall, area: e.ticket.areaId }, e.serviceMs / 1000);
          this.finished.inc({ hall, area: e.ticket.areaId, status: 'done' });
          break;
        case 'ticket.no_show':
          this.finished.inc({ hall, area: e.ticket.areaId, status: 'no_show' });
          break;
        case 'day.closed':
          for (const t of e.tickets) this.finished.inc({ hall, area: t.areaId, status: 'cancelled' });
          break;
        case 'ticket.transferred':
          this.transferred.inc({ hall, area: e.fromAreaId });
          break;
        case 'ticket.step_completed':
          this.service.observe({ hall, area: e.fromAreaId }, e.serviceMs / 1000);
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

  /** The Prometheus text exposition. */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  close(): void {
    this.unsubscribe();
    this.registry.clear();
  }
}

/** A hall-wide figure from the caught-up state; null (the gauge keeps its last value) when the store is down. */
async function hallWide<R>(service: HallService, hallId: string, fn: (state: HallState) => R): Promise<R | null> {
  try {
    return await service.query(hallId, fn);
  } catch {
    return null;
  }
}
