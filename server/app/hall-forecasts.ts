/**
 * Each hall's arrival forecast (`domain/arrival-forecast.ts`) for the next 14 days, made in the
 * report thread from the last year's day rollups and kept per hall in this process: made again
 * when a day of the hall closes (the nightly close: the forecast then starts at the next day) and
 * on demand when the kept one starts before today (a node that did not close the day, a restart).
 * Two requests that need the same forecast wait for one making.
 */
import type { ArrivalForecast } from '../domain/arrival-forecast';
import { DomainError } from '../domain/errors';
import { addDays } from '../domain/time';
import type { HallConfig } from '../domain/types';
import type { EventStore } from '../store/event-store';
import type { HallHistory } from './hall-history';
import type { HallService } from './hall-service';
import { forecastOffThread } from './report-thread';
import type { RollupText } from './report-work';

/** Days forecast ahead, and the history they learn from (a year and a week: last year's holidays). */
export const FORECAST_DAYS = 14;
const HISTORY_DAYS = 371;
const READ_CHUNK = 31;

export interface HallForecastsDeps {
  store: EventStore;
  history: HallHistory;
  hall: (hallId: string) => HallConfig | undefined;
  log?: { warn: (obj: object, msg: string) => void };
}

export interface KeptForecast {
  hallId: string;
  /** When it was made (epoch ms). */
  madeAt: number;
  forecast: ArrivalForecast;
  /** The mean minutes a citizen held a window, per area, over the last four weeks (staffing advice). */
  holdMinutes: Record<string, number>;
  /** Per area, how the measured waits of the last four weeks compared with the best-time model (`domain/best-time.ts`). */
  waitScale: Record<string, number>;
}

export class HallForecasts {
  private readonly kept = new Map<string, KeptForecast>();
  private readonly making = new Map<string, Promise<KeptForecast>>();

  constructor(private readonly deps: HallForecastsDeps) {}

  /** Makes the next day's forecast whenever a day of a hall closes on this node. Returns the unsubscribe. */
  followClosings(service: HallService): () => void {
    return service.onCommitted((events) => {
      for (const e of events) {
        if (e.type !== 'day.closed') continue;
        this.make(e.hallId, addDays(e.day, 1)).catch((err: unknown) =>
          this.deps.log?.warn({ err, hallId: e.hallId }, 'forecast not made at the day close; made on first need'),
        );
      }
    });
  }

  /** The forecast kept for a hall, if any (whatever day it starts). */
  latest(hallId: string): KeptForecast | undefined {
    return this.kept.get(hallId);
  }

  /** The forecast starting `today` (kept, or made now). */
  async forecast(hallId: string, today: string): Promise<KeptForecast> {
    const kept = this.kept.get(hallId);
    if (kept && kept.forecast.asOf === today) return kept;
    return this.make(hallId, today);
  }

  /** Makes (and keeps) the forecast as of `asOf`; one making per hall and date at a time. */
  make(hallId: string, asOf: string): Promise<KeptForecast> {
    const key = `${hallId}/${asOf}`;
    let pending = this.making.get(key);
    if (!pending) {
      pending = this.build(hallId, asOf).finally(() => this.making.delete(key));
      this.making.set(key, pending);
    }
    return pending;
  }

  private async build(hallId: string, asOf: string): Promise<KeptForecast> {
    const config = this.deps.hall(hallId);
    if (!config) throw new DomainError('hall_not_found', `no hall ${hallId}`);
    const from = addDays(asOf, -HISTORY_DAYS);
    const days = (await this.deps.store.days(hallId)).filter((d) => d >= from && d < asOf);
    let texts = await this.read(hallId, days);
    for (let round = 0; ; round++) {
      const answer = await forecastOffThread({ config, asOf, days: FORECAST_DAYS, history: texts });
      if (answer.ok) {
        const made: KeptForecast = { hallId, madeAt: Date.now(), forecast: answer.forecast, holdMinutes: answer.holdMinutes, waitScale: answer.waitScale };
        const kept = this.kept.get(hallId);
        if (!kept || kept.forecast.asOf <= asOf) this.kept.set(hallId, made);
        return made;
      }
      if (round > 0) throw new Error(`rollups still unreadable after being built: ${answer.invalid.join(', ')}`);
      // The bytes sent were moved to the thread: the good ones are read again, the bad ones built.
      const bad = new Set(answer.invalid);
      texts = await this.read(
        hallId,
        days.filter((d) => !bad.has(d)),
      );
      for (const d of days) if (bad.has(d)) texts.push({ key: d, text: await this.deps.history.rebuild(hallId, d) });
    }
  }

  private async read(hallId: string, days: readonly string[]): Promise<RollupText[]> {
    const out: RollupText[] = [];
    for (let i = 0; i < days.length; i += READ_CHUNK) {
      const chunk = days.slice(i, i + READ_CHUNK);
      const texts = await this.deps.store.readRollupsRaw(hallId, chunk);
      chunk.forEach((key, k) => out.push({ key, text: texts[k] ?? null }));
    }
    return out;
  }
}
