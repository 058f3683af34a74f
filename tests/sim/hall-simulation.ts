/**
 * A simulated day at the hall: citizens arrive (Poisson, heavier mid-morning), take tickets at the
 * kiosk, walk up when called (or not: no-shows), are served for lognormal times per area, are
 * sometimes transferred (联办) and rate the service; some take a 一件事一次办 journey through several
 * areas on one ticket; clerks sign in, pause, and sign out. Everything
 * goes through the real server's HTTP API on a hand-moved clock, and the simulation writes down
 * what it did, so the hall's statistics can be checked against it.
 */
import type { ManualClock } from '../../server/app/clock';
import type { TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const MIN = 60_000;

/** Mulberry32: a small, fast, seedable generator; the same seed gives the same day. */
export class Random {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Lognormal with the given median and log-space spread. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T extends string | number>(weights: ReadonlyArray<readonly [T, number]>): T {
    const total = weights.reduce((a, [, w]) => a + w, 0);
    let r = this.next() * total;
    for (const [v, w] of weights) {
      r -= w;
      if (r < 0) return v;
    }
    return weights.at(-1)![0];
  }
}

export interface SimPlan {
  seed: number;
  /** Hall-local date (a Wednesday has the night market). */
  day: string;
  /** Arrivals per hour by local hour (the hall decides whether it is open). */
  arrivalsPerHour: Record<number, number>;
  areaWeights: ReadonlyArray<readonly [string, number]>;
  /** Areas served in the night market, and the windows that open for it. */
  nightAreas: string[];
  nightWindows: string[];
  serviceMedianMinutes: Record<string, number>;
  serviceSigma: number;
  walkMedianSeconds: number;
  /** Between finishing one citizen and calling the next. */
  thinkMedianSeconds: number;
  noShowRate: number;
  /** Share of citizens marked absent who come back within minutes and re-queue at the kiosk (过号重排). */
  requeueRate: number;
  priorityRate: number;
  /** Share of estate services that go on to tax (联办). */
  transferRate: number;
  ratingRate: number;
  /**
   * 一件事一次办: share of daytime arrivals (before `journeysUntilHour`, so every step ends the same
   * day) who take one of the hall's journeys instead of one area, by weight.
   */
  journeyRate: number;
  journeyWeights: ReadonlyArray<readonly [string, number]>;
  journeysUntilHour: number;
  scoreWeights: ReadonlyArray<readonly [number, number]>;
  /** Windows that start late (`HH:MM`); the others sign in at 08:55. */
  lateStart: Record<string, string>;
  /** A window takes a break at `at` (once free) for `minutes`. */
  breaks: Array<{ windowId: string; at: string; minutes: number }>;
  /** How often every waiting ticket's estimate is read. */
  sampleEveryMinutes: number;
}

/** What the simulation knows happened to one ticket. */
export interface SimTicket {
  id: string;
  /** What its QR code carries: the phone page reads the ticket by it. */
  credential: string;
  /** The citizen's phone's address (public reads are limited per address). */
  phoneAddress: string;
  number: string;
  issuedArea: string;
  priority: 'normal' | 'priority';
  issuedAt: number;
  firstCalledAt: number | null;
  firstWindow: string | null;
  /** The area it was finally served (or missed) in. */
  finalArea: string;
  outcome: 'waiting' | 'done' | 'no_show';
  /** How often it was marked absent, and whether it re-joined the queue after that (过号重排). */
  noShows: number;
  requeued: boolean;
  doneWindow: string | null;
  doneClerk: string | null;
  walkMs: number[];
  serviceMs: number | null;
  transferredFrom: string | null;
  score: number | null;
  session: 'regular' | 'night';
  /** 一件事一次办: the journey's areas and the step (1-based) the citizen is at; null for one area. */
  journey: { id: string; areas: string[]; step: number } | null;
  /** Every journey step before the last that was completed: a service of its own. */
  steps: Array<{ area: string; window: string; clerk: string; serviceMs: number }>;
}

/** An estimate shown to a citizen, with what a naive rule would have said, and what happened. */
export interface EstimateSample {
  ticketId: string;
  at: number;
  kind: 'issue' | 'waiting';
  shown: number | null;
  naive: number | null;
  ahead: number;
}

export interface SimRecord {
  tickets: SimTicket[];
  /** Arrivals the hall turned away (closed, or the area's last-ticket time passed). */
  refused: number;
  samples: EstimateSample[];
  requests: number;
}

interface SimWindow {
  id: string;
  number: number;
  areaIds: string[];
  clerk: string;
  status: 'closed' | 'open' | 'paused';
  ticketId: string | null;
  /** A call is already scheduled. */
  pendingCall: boolean;
  /** Signs out once nobody is left for it after this instant. */
  shiftEnd: number;
  breakDue: { minutes: number } | null;
}

type Job = { at: number; seq: number; run: () => Promise<void> };

const pad = (n: number): string => String(n).padStart(2, '0');

export class HallSimulation {
  private readonly rnd: Random;
  private readonly jobs: Job[] = [];
  private seq = 0;
  private readonly windows = new Map<string, SimWindow>();
  private readonly tickets = new Map<string, SimTicket>();
  private readonly serviceDone = new Map<string, number[]>();
  private readonly samples: EstimateSample[] = [];
  private refused = 0;
  private requests = 0;

  constructor(
    private readonly srv: TestServer,
    private readonly clock: ManualClock,
    private readonly plan: SimPlan,
  ) {
    this.rnd = new Random(plan.seed);
  }

  private at(hhmm: string): number {
    return Date.parse(`${this.plan.day}T${hhmm}:00+08:00`);
  }

  private schedule(at: number, run: () => Promise<void>): void {
    const job = { at: Math.round(at), seq: this.seq++, run };
    let lo = 0;
    let hi = this.jobs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const j = this.jobs[mid]!;
      if (j.at < job.at || (j.at === job.at && j.seq < job.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.jobs.splice(lo, 0, job);
  }

  private async post(path: string, as: string, body: unknown = {}): Promise<{ status: number; body: any }> {
    return this.send('POST', path, as, body);
  }

  /**
   * One request through the whole Fastify pipeline (auth, schemas, routes, serialisation), injected
   * rather than sent over a socket: a day is thousands of requests, and the socket adds nothing here.
   */
  private async send(method: 'GET' | 'POST', path: string, as?: string, body?: unknown, remoteAddress?: string): Promise<{ status: number; body: any }> {
    this.requests++;
    const headers: Record<string, string> = as ? { authorization: `Bearer ${await this.srv.login(as)}` } : {};
    const res = await this.srv.app.inject({
      method,
      url: `${H}${path}`,
      headers,
      ...(remoteAddress ? { remoteAddress } : {}),
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
  }

  private async ok(path: string, as: string, body?: unknown): Promise<any> {
    const res = await this.post(path, as, body);
    if (res.status >= 300) throw new Error(`POST ${path} as ${as} at ${new Date(this.clock.now()).toISOString()}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async run(): Promise<SimRecord> {
    const hall = await this.srv.get(H, 'manager');
    const journeys = new Map((hall.journeys as Array<{ id: string; steps: Array<{ areaId: string }> }>).map((j) => [j.id, j.steps.map((s) => s.areaId)]));
    const nightEnd = this.at('21:00');
    for (const w of hall.windows as Array<{ id: string; number: number; areaIds: string[] }>) {
      this.windows.set(w.id, {
        id: w.id,
        number: w.number,
        areaIds: w.areaIds,
        clerk: `clerk${pad(w.number)}`,
        status: 'closed',
        ticketId: null,
        pendingCall: false,
        shiftEnd: this.at('17:00'),
        breakDue: null,
      });
      this.schedule(this.at(this.plan.lateStart[w.id] ?? '08:55'), () => this.signIn(w.id, this.at('17:00')));
    }
    for (const id of this.plan.nightWindows) this.schedule(this.at('18:55'), () => this.signIn(id, nightEnd));
    for (const b of this.plan.breaks) this.schedule(this.at(b.at), () => this.breakTime(b.windowId, b.minutes));

    // Arrivals: a Poisson process per hour with that hour's rate.
    for (const [hour, rate] of Object.entries(this.plan.arrivalsPerHour)) {
      const start = this.at(`${pad(Number(hour))}:00`);
      for (let t = start + this.rnd.exponential(3_600_000 / rate); t < start + 3_600_000; t += this.rnd.exponential(3_600_000 / rate)) {
        const night = Number(hour) >= 18;
        const weights = night ? this.plan.areaWeights.filter(([a]) => this.plan.nightAreas.includes(a)) : this.plan.areaWeights;
        if (Number(hour) < this.plan.journeysUntilHour && this.rnd.chance(this.plan.journeyRate)) {
          const journeyId = this.rnd.pick(this.plan.journeyWeights);
          this.schedule(t, () => this.arriveForJourney(journeyId, journeys.get(journeyId)!));
          continue;
        }
        const area = this.rnd.pick(weights);
        const priority = this.rnd.chance(this.plan.priorityRate) ? 'priority' : 'normal';
        this.schedule(t, () => this.arrive(area, priority, night ? 'night' : 'regular'));
      }
    }
    for (let t = this.at('09:00'); t <= nightEnd; t += this.plan.sampleEveryMinutes * MIN) this.schedule(t, () => this.sampleWaiting());

    while (this.jobs.length > 0) {
      const job = this.jobs.shift()!;
      if (job.at > this.clock.now()) this.clock.set(job.at);
      await job.run();
    }
    return { tickets: [...this.tickets.values()], refused: this.refused, samples: this.samples, requests: this.requests };
  }

  private openFor(area: string): number {
    let n = 0;
    for (const w of this.windows.values()) if (w.status === 'open' && w.areaIds.includes(area)) n++;
    return n;
  }

  /** The naive estimate: people ahead × average service time so far ÷ open windows. */
  private naive(area: string, ahead: number): number | null {
    const open = this.openFor(area);
    if (open === 0) return null;
    const done = this.serviceDone.get(area) ?? [];
    const avgMin = done.length === 0 ? 6 : done.reduce((a, b) => a + b, 0) / done.length / MIN;
    return Math.round((ahead * avgMin) / open);
  }

  private async signIn(id: string, shiftEnd: number): Promise<void> {
    const w = this.windows.get(id)!;
    await this.ok(`/windows/${id}/sign-in`, w.clerk);
    w.status = 'open';
    w.shiftEnd = shiftEnd;
    this.callSoon(w, 0);
    // An idle window learns at the end of its shift that it may go.
    this.schedule(shiftEnd, async () => this.callSoon(w, 0));
  }

  private async breakTime(id: string, minutes: number): Promise<void> {
    const w = this.windows.get(id)!;
    if (w.status !== 'open') return;
    if (w.ticketId !== null) {
      w.breakDue = { minutes };
      return;
    }
    await this.pause(w, minutes);
  }

  private async pause(w: SimWindow, minutes: number): Promise<void> {
    await this.ok(`/windows/${w.id}/pause`, w.clerk, { reason: '轮岗休息' });
    w.status = 'paused';
    w.breakDue = null;
    this.schedule(this.clock.now() + minutes * MIN, async () => {
      await this.ok(`/windows/${w.id}/resume`, w.clerk);
      w.status = 'open';
      this.callSoon(w, 0);
    });
  }

  private callSoon(w: SimWindow, delayMs: number): void {
    if (w.pendingCall || w.status !== 'open' || w.ticketId !== null) return;
    w.pendingCall = true;
    this.schedule(this.clock.now() + delayMs, () => this.call(w));
  }

  private async arrive(area: string, priority: 'normal' | 'priority', session: 'regular' | 'night'): Promise<void> {
    const res = await this.post('/tickets', 'kiosk01', { areaId: area, priority });
    if (res.status !== 201) {
      if (res.status !== 409) throw new Error(`issue ${area}: ${res.status} ${JSON.stringify(res.body)}`);
      this.refused++;
      return;
    }
    const t = res.body.ticket;
    const n = this.tickets.size;
    this.tickets.set(t.id, {
      id: t.id,
      credential: new URL(res.body.ticketUrl).pathname.split('/').at(-1)!,
      phoneAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      number: t.number,
      issuedArea: area,
      priority,
      issuedAt: this.clock.now(),
      firstCalledAt: null,
      firstWindow: null,
      finalArea: area,
      outcome: 'waiting',
      noShows: 0,
      requeued: false,
      doneWindow: null,
      doneClerk: null,
      walkMs: [],
      serviceMs: null,
      transferredFrom: null,
      score: null,
      session,
      journey: null,
      steps: [],
    });
    this.samples.push({ ticketId: t.id, at: this.clock.now(), kind: 'issue', shown: t.estimatedWaitMinutes, naive: this.naive(area, t.ahead), ahead: t.ahead });
    for (const w of this.windows.values()) if (w.areaIds.includes(area)) this.callSoon(w, 0);
  }

  /** 一件事一次办: a citizen takes a ticket for a journey at the kiosk; its first step is its first area. */
  private async arriveForJourney(journeyId: string, areas: string[]): Promise<void> {
    const res = await this.post('/tickets', 'kiosk01', { journeyId });
    if (res.status !== 201) throw new Error(`journey ${journeyId}: ${res.status} ${JSON.stringify(res.body)}`);
    const t = res.body.ticket;
    const n = this.tickets.size;
    const area = areas[0]!;
    this.tickets.set(t.id, {
      id: t.id,
      credential: new URL(res.body.ticketUrl).pathname.split('/').at(-1)!,
      phoneAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      number: t.number,
      issuedArea: area,
      priority: 'normal',
      issuedAt: this.clock.now(),
      firstCalledAt: null,
      firstWindow: null,
      finalArea: area,
      outcome: 'waiting',
      noShows: 0,
      requeued: false,
      doneWindow: null,
      doneClerk: null,
      walkMs: [],
      serviceMs: null,
      transferredFrom: null,
      score: null,
      session: 'regular',
      journey: { id: journeyId, areas, step: 1 },
      steps: [],
    });
    this.samples.push({ ticketId: t.id, at: this.clock.now(), kind: 'issue', shown: t.estimatedWaitMinutes, naive: this.naive(area, t.ahead), ahead: t.ahead });
    for (const w of this.windows.values()) if (w.areaIds.includes(area)) this.callSoon(w, 0);
  }

  private async call(w: SimWindow): Promise<void> {
    w.pendingCall = false;
    if (w.status !== 'open' || w.ticketId !== null) return;
    const { ticket } = await this.ok(`/windows/${w.id}/call-next`, w.clerk);
    const now = this.clock.now();
    if (ticket === null) {
      if (now >= w.shiftEnd) {
        await this.ok(`/windows/${w.id}/sign-out`, w.clerk);
        w.status = 'closed';
      }
      return; // idle until someone arrives for it
    }
    const t = this.tickets.get(ticket.id)!;
    w.ticketId = t.id;
    if (t.firstCalledAt === null) {
      t.firstCalledAt = now;
      t.firstWindow = w.id;
    }
    const calledAt = now;
    // Only a citizen just arrived may be absent: one sent on by a transfer or a journey's step is at hand.
    if (t.transferredFrom === null && (t.journey === null || t.journey.step === 1) && this.rnd.chance(this.plan.noShowRate)) {
      this.schedule(now + MIN, () => this.ok(`/windows/${w.id}/recall`, w.clerk));
      this.schedule(now + 2 * MIN, () => this.ok(`/windows/${w.id}/recall`, w.clerk));
      this.schedule(now + 3 * MIN, async () => {
        await this.ok(`/windows/${w.id}/no-show`, w.clerk);
        t.outcome = 'no_show';
        t.noShows++;
        t.doneWindow = w.id;
        t.doneClerk = w.clerk;
        await this.free(w);
        if (!t.requeued && this.rnd.chance(this.plan.requeueRate))
          this.schedule(this.clock.now() + (5 + Math.floor(this.rnd.next() * 20)) * MIN, () => this.requeue(t));
      });
      return;
    }
    const walk = Math.min(5 * MIN, this.rnd.lognormal(this.plan.walkMedianSeconds * 1000, 0.5));
    this.schedule(calledAt + walk, async () => {
      await this.ok(`/windows/${w.id}/start`, w.clerk);
      const started = this.clock.now();
      t.walkMs.push(started - calledAt);
      const area = t.finalArea;
      const service = this.rnd.lognormal(this.plan.serviceMedianMinutes[area]! * MIN, this.plan.serviceSigma);
      this.schedule(started + service, () => this.finish(w, t, started));
    });
  }

  /**
   * The missed citizen is back and scans the ticket's QR code at the kiosk: it re-joins its queue,
   * as long as a window still serves that area today (else they would wait for nobody).
   */
  private async requeue(t: SimTicket): Promise<void> {
    const serving = [...this.windows.values()].filter((w) => w.status !== 'closed' && w.areaIds.includes(t.finalArea));
    if (serving.length === 0) return;
    await this.ok(`/tickets/${t.credential}/requeue`, 'kiosk01');
    t.requeued = true;
    t.outcome = 'waiting';
    t.doneWindow = null;
    t.doneClerk = null;
    for (const w of serving) this.callSoon(w, 0);
  }

  private async finish(w: SimWindow, t: SimTicket, started: number): Promise<void> {
    const now = this.clock.now();
    if (t.journey && t.journey.step < t.journey.areas.length) return this.finishStep(w, t, started);
    if (t.finalArea === 'estate' && t.transferredFrom === null && t.journey === null && this.rnd.chance(this.plan.transferRate)) {
      await this.ok(`/windows/${w.id}/transfer`, w.clerk, { areaId: 'tax' });
      t.transferredFrom = 'estate';
      t.finalArea = 'tax';
      await this.free(w);
      for (const other of this.windows.values()) if (other.areaIds.includes('tax')) this.callSoon(other, 0);
      return;
    }
    await this.ok(`/windows/${w.id}/complete`, w.clerk);
    t.outcome = 'done';
    t.serviceMs = now - started;
    t.doneWindow = w.id;
    t.doneClerk = w.clerk;
    const done = this.serviceDone.get(t.finalArea) ?? [];
    done.push(now - started);
    this.serviceDone.set(t.finalArea, done);
    if (this.rnd.chance(this.plan.ratingRate)) {
      const score = this.rnd.pick(this.plan.scoreWeights);
      this.schedule(now + 15_000, async () => {
        await this.ok(`/tickets/${t.id}/rating`, 'rating01', { score, ...(score <= 2 ? { comment: '等候时间太长' } : {}) });
        t.score = score;
      });
    }
    await this.free(w);
  }

  /** A journey's step before the last is done: the citizen goes on to the next step's area, same number. */
  private async finishStep(w: SimWindow, t: SimTicket, started: number): Promise<void> {
    const journey = t.journey!;
    const { ticket } = await this.ok(`/windows/${w.id}/complete`, w.clerk);
    const next = journey.areas[journey.step]!;
    if (ticket.areaId !== next || ticket.journey.step !== journey.step + 1)
      throw new Error(`journey ${t.number}: went to ${ticket.areaId} step ${ticket.journey.step}, not ${next}`);
    const serviceMs = this.clock.now() - started;
    t.steps.push({ area: t.finalArea, window: w.id, clerk: w.clerk, serviceMs });
    const done = this.serviceDone.get(t.finalArea) ?? [];
    done.push(serviceMs);
    this.serviceDone.set(t.finalArea, done);
    journey.step++;
    t.finalArea = next;
    await this.free(w);
    for (const other of this.windows.values()) if (other.areaIds.includes(next)) this.callSoon(other, 0);
  }

  private async free(w: SimWindow): Promise<void> {
    w.ticketId = null;
    if (w.breakDue) {
      await this.pause(w, w.breakDue.minutes);
      return;
    }
    this.callSoon(w, this.rnd.lognormal(this.plan.thinkMedianSeconds * 1000, 0.5));
  }

  /** Reads the estimate every waiting citizen sees on the phone page now. */
  private async sampleWaiting(): Promise<void> {
    for (const t of this.tickets.values()) {
      if (t.firstCalledAt !== null || t.outcome !== 'waiting') continue;
      const res = await this.send('GET', `/tickets/${t.credential}`, undefined, undefined, t.phoneAddress);
      const view = res.body.ticket;
      if (view.status !== 'waiting') continue;
      this.samples.push({
        ticketId: t.id,
        at: this.clock.now(),
        kind: 'waiting',
        shown: view.estimatedWaitMinutes,
        naive: this.naive(t.issuedArea, view.ahead),
        ahead: view.ahead,
      });
    }
  }
}
