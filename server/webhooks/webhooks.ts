/**
 * Outbound webhooks: administrators subscribe a URL to event types; each committed event of those
 * types is POSTed as JSON (`webhookPayload`: an id to de-duplicate by, never a credential or a
 * phone number) with `X-QMS-Signature: sha256=<hex HMAC-SHA256 of the raw body>` under the
 * subscription's secret.
 *
 * Subscriptions are configuration documents (`webhook:<id>`, seen by every node); the secret is a
 * document of its own (`webhook-secret:<id>`), private like account credentials: never in the
 * change history's answers nor in any GET. Deliveries are at least once: retried with exponential
 * backoff until accepted (2xx), dead-lettered after `maxAttempts`, replayable by hand. Each node
 * delivers the events it committed, from a bounded queue worked one subscription at a time, so a
 * dead or hanging receiver only delays its own deliveries — never a ticket's issue.
 *
 * Every delivery is also a store record (`webhook-deliveries:<id>` collection, written in order per
 * subscription, never awaited by ticket issue), so a restart loses neither pending deliveries nor
 * the dead letters: a node that opens resumes every pending one. With several nodes on one Redis a
 * starting node may so resend one another live node still works — at least once; receivers
 * de-duplicate by the payload id. Kept per subscription: the newest `keep`; older delivered and
 * dead ones are deleted, pending ones never (the queue limit bounds them).
 */
import { createHmac } from 'node:crypto';
import type { EventType, HallEvent } from '../domain/events';
import { DomainError } from '../domain/errors';
import { webhookPayload } from '../domain/webhook-payload';
import type { EventStore } from '../store/event-store';
import { OutboundFailure, type OutboundHttp } from '../outbound/outbound-http';
import { OutboundRefused } from '../outbound/outbound-policy';

export const WEBHOOK_PREFIX = 'webhook:';
export const WEBHOOK_SECRET_PREFIX = 'webhook-secret:';

export interface Webhook {
  id: string;
  url: string;
  events: EventType[];
  createdAt: number;
  createdBy: string;
  /** Documents are never deleted: a removed subscription is marked and leaves the lists. */
  removed: boolean;
}

export interface Delivery {
  id: string;
  webhookId: string;
  eventId: string;
  type: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  lastError: string | null;
  lastStatus: number | null;
  createdAt: number;
  deliveredAt: number | null;
}

interface Queued extends Delivery {
  body: string;
  /** Order among deliveries created in the same millisecond (the store lists records unordered). */
  seq: number;
}

/** The store collection holding a subscription's deliveries. */
export const deliveryCollection = (webhookId: string) => `webhook-deliveries:${webhookId}`;

export interface WebhookOptions {
  store: EventStore;
  now: () => number;
  newId: () => string;
  /** The checked way out: only allowed targets, no redirects followed. */
  outbound: OutboundHttp;
  /** First retry after this, doubling. */
  retryBaseMs?: number;
  maxAttempts?: number;
  /** One attempt's limit: a hanging receiver is a failed attempt. */
  timeoutMs?: number;
  /** Deliveries waiting per subscription; past it the oldest pending one is dead-lettered. */
  queueLimit?: number;
  /** Records kept per subscription (newest). */
  keep?: number;
  log: { warn: (obj: object, msg: string) => void };
}

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

class Lane {
  readonly queue: Queued[] = [];
  readonly records = new Map<string, Queued>();
  running = false;
  /** The lane's store writes, one after another: a record never goes back to an older state. */
  writes: Promise<void> = Promise.resolve();
}

export class Webhooks {
  private hooks = new Map<string, Webhook>();
  private readonly secrets = new Map<string, string>();
  private readonly lanes = new Map<string, Lane>();
  private readonly unsubscribe: () => void;
  private closed = false;
  private readonly retryBaseMs: number;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly queueLimit: number;
  private readonly keep: number;
  private seq = 0;

  private constructor(private readonly opts: WebhookOptions) {
    this.retryBaseMs = opts.retryBaseMs ?? 2_000;
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.queueLimit = opts.queueLimit ?? 10_000;
    this.keep = opts.keep ?? 1_000;
    this.unsubscribe = opts.store.subscribeDocs((n) => {
      if (n.key.startsWith(WEBHOOK_PREFIX) || n.key.startsWith(WEBHOOK_SECRET_PREFIX)) void this.reload().catch(() => undefined);
    });
  }

  static async open(opts: WebhookOptions): Promise<Webhooks> {
    const w = new Webhooks(opts);
    await w.reload();
    await w.resume();
    return w;
  }

  /** Deliveries the store kept (from before a restart): listed again, pending ones sent. */
  private async resume(): Promise<void> {
    for (const hook of this.hooks.values()) {
      const kept = (await this.opts.store.listRecords(deliveryCollection(hook.id))).map((r) => JSON.parse(r.value) as Queued);
      if (kept.length === 0) continue;
      kept.sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
      const lane = this.lane(hook.id);
      for (const d of kept) {
        d.seq = ++this.seq;
        lane.records.set(d.id, d);
        if (d.status === 'pending') lane.queue.push(d);
      }
      this.work(hook.id, lane);
    }
  }

  private lane(webhookId: string): Lane {
    let lane = this.lanes.get(webhookId);
    if (!lane) this.lanes.set(webhookId, (lane = new Lane()));
    return lane;
  }

  /** Writes the delivery's state (after the lane's earlier writes); a failed write is logged, the delivery goes on. */
  private save(webhookId: string, lane: Lane, d: Queued): void {
    const value = JSON.stringify(d);
    lane.writes = lane.writes
      .then(() => this.opts.store.putRecord(deliveryCollection(webhookId), d.id, value))
      .catch((err: unknown) => this.opts.log.warn({ webhookId, deliveryId: d.id, err: (err as Error).message }, 'webhook delivery not saved'));
  }

  private forget(webhookId: string, lane: Lane, ids: string[]): void {
    if (ids.length === 0) return;
    lane.writes = lane.writes
      .then(() => this.opts.store.deleteRecords(deliveryCollection(webhookId), ids))
      .catch((err: unknown) => this.opts.log.warn({ webhookId, err: (err as Error).message }, 'old webhook deliveries not deleted'));
  }

  private async reload(): Promise<void> {
    const hooks = new Map<string, Webhook>();
    for (const doc of await this.opts.store.listDocs(WEBHOOK_PREFIX)) {
      const hook = JSON.parse(doc.value) as Webhook;
      if (!hook.removed) hooks.set(hook.id, hook);
    }
    for (const doc of await this.opts.store.listDocs(WEBHOOK_SECRET_PREFIX)) {
      this.secrets.set(doc.key.slice(WEBHOOK_SECRET_PREFIX.length), (JSON.parse(doc.value) as { secret: string }).secret);
    }
    this.hooks = hooks;
  }

  list(): Webhook[] {
    return [...this.hooks.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  private hook(id: string): Webhook {
    const h = this.hooks.get(id);
    if (!h) throw new DomainError('webhook_not_found', `no webhook ${id}`);
    return h;
  }

  async create(input: { url: string; events: EventType[]; secret: string }, by: string): Promise<Webhook> {
    // Checked now for a clear answer, and again at every delivery (a name may point elsewhere later).
    try {
      await this.opts.outbound.checkUrl(input.url);
    } catch (err) {
      if (err instanceof OutboundRefused) throw new DomainError('outbound_not_allowed', `url: ${err.message}`, { field: 'url' });
      if (err instanceof OutboundFailure) throw new DomainError('invalid_request', `url: ${err.message}`, { field: 'url' });
      throw err;
    }
    const hook: Webhook = {
      id: this.opts.newId(),
      url: input.url,
      events: [...new Set(input.events)],
      createdAt: this.opts.now(),
      createdBy: by,
      removed: false,
    };
    const author = { by, at: this.opts.now() };
    // The secret first: a subscription is never live without its secret.
    await this.opts.store.writeDoc(`${WEBHOOK_SECRET_PREFIX}${hook.id}`, 0, JSON.stringify({ secret: input.secret }), author);
    await this.opts.store.writeDoc(`${WEBHOOK_PREFIX}${hook.id}`, 0, JSON.stringify(hook), author);
    await this.reload();
    return hook;
  }

  async remove(id: string, by: string): Promise<void> {
    const hook = this.hook(id);
    const doc = await this.opts.store.readDoc(`${WEBHOOK_PREFIX}${id}`);
    const res = await this.opts.store.writeDoc(`${WEBHOOK_PREFIX}${id}`, doc?.version ?? 0, JSON.stringify({ ...hook, removed: true }), {
      by,
      at: this.opts.now(),
    });
    if (!res.ok) throw new DomainError('version_conflict', 'the webhook changed meanwhile');
    await this.reload();
    const lane = this.lanes.get(id);
    if (lane) {
      lane.queue.splice(0);
      this.forget(id, lane, [...lane.records.keys()]);
      lane.records.clear();
      await lane.writes;
    }
  }

  deliveries(id: string): Delivery[] {
    this.hook(id);
    return [...(this.lanes.get(id)?.records.values() ?? [])].map(({ body: _body, seq: _seq, ...d }) => d).reverse();
  }

  /** Sends a delivery again (a dead letter, or one the receiver lost), with the same event id. */
  replay(id: string, deliveryId: string): Delivery {
    this.hook(id);
    const lane = this.lanes.get(id);
    const d = lane?.records.get(deliveryId);
    if (!lane || !d) throw new DomainError('delivery_not_found', `no delivery ${deliveryId}`);
    d.status = 'pending';
    d.attempts = 0;
    if (!lane.queue.includes(d)) lane.queue.push(d);
    this.save(id, lane, d);
    this.work(id, lane);
    const { body: _body, seq: _seq, ...out } = d;
    return out;
  }

  /** A batch this node committed: queued for every subscription that wants its types (no waiting here). */
  committed(events: HallEvent[]): void {
    if (this.closed || this.hooks.size === 0) return;
    for (const hook of this.hooks.values()) {
      for (const e of events) {
        if (!hook.events.includes(e.type)) continue;
        const payload = webhookPayload(e);
        this.enqueue(hook.id, {
          id: this.opts.newId(),
          webhookId: hook.id,
          eventId: payload.id,
          type: e.type,
          status: 'pending',
          attempts: 0,
          lastError: null,
          lastStatus: null,
          createdAt: this.opts.now(),
          deliveredAt: null,
          body: JSON.stringify(payload),
          seq: ++this.seq,
        });
      }
    }
  }

  private enqueue(webhookId: string, d: Queued): void {
    const lane = this.lane(webhookId);
    if (lane.queue.length >= this.queueLimit) {
      const dropped = lane.queue.shift()!;
      dropped.status = 'dead';
      dropped.lastError = 'queue full';
      this.save(webhookId, lane, dropped);
    }
    lane.queue.push(d);
    lane.records.set(d.id, d);
    this.save(webhookId, lane, d);
    this.trim(webhookId, lane);
    this.work(webhookId, lane);
  }

  /** Past `keep` records, the oldest finished ones (delivered or dead) go, from memory and the store. */
  private trim(webhookId: string, lane: Lane): void {
    const over = lane.records.size - this.keep;
    if (over <= 0) return;
    const gone: string[] = [];
    for (const [id, r] of lane.records) {
      if (gone.length >= over) break;
      if (r.status !== 'pending') gone.push(id);
    }
    for (const id of gone) lane.records.delete(id);
    this.forget(webhookId, lane, gone);
  }

  private work(webhookId: string, lane: Lane): void {
    if (lane.running || this.closed) return;
    lane.running = true;
    void this.drain(webhookId, lane).finally(() => (lane.running = false));
  }

  private async drain(webhookId: string, lane: Lane): Promise<void> {
    while (lane.queue.length > 0 && !this.closed) {
      const d = lane.queue[0]!;
      const hook = this.hooks.get(webhookId);
      const secret = this.secrets.get(webhookId);
      if (!hook || secret === undefined) return;
      const ok = await this.attempt(hook, secret, d);
      if (this.closed) return;
      if (ok) {
        d.status = 'delivered';
        d.deliveredAt = this.opts.now();
        lane.queue.shift();
        this.save(webhookId, lane, d);
      } else if (d.attempts >= this.maxAttempts) {
        d.status = 'dead';
        lane.queue.shift();
        this.save(webhookId, lane, d);
        this.opts.log.warn({ webhookId, deliveryId: d.id, eventId: d.eventId, attempts: d.attempts, error: d.lastError }, 'webhook delivery dead-lettered');
      } else {
        this.save(webhookId, lane, d);
        await new Promise((resolve) => setTimeout(resolve, this.retryBaseMs * 2 ** (d.attempts - 1)).unref());
      }
    }
  }

  private async attempt(hook: Webhook, secret: string, d: Queued): Promise<boolean> {
    d.attempts++;
    try {
      const res = await this.opts.outbound.send({
        method: 'POST',
        url: hook.url,
        headers: { 'content-type': 'application/json', 'x-qms-signature': signature(d.body, secret), 'x-qms-event': d.type, 'x-qms-delivery': d.id },
        body: d.body,
        timeoutMs: this.timeoutMs,
      });
      const ok = res.status >= 200 && res.status < 300;
      d.lastStatus = res.status;
      // A redirect is not followed: it could lead anywhere, the signature with it.
      d.lastError = ok ? null : res.status >= 300 && res.status < 400 ? `HTTP ${res.status} (redirects are not followed)` : `HTTP ${res.status}`;
      return ok;
    } catch (err) {
      d.lastStatus = null;
      d.lastError = err instanceof OutboundFailure ? err.message : 'delivery failed';
      return false;
    }
  }

  /** Resolves when nothing is queued (tests). */
  async idle(): Promise<void> {
    while ([...this.lanes.values()].some((l) => l.running || l.queue.length > 0)) await new Promise((r) => setTimeout(r, 20));
  }

  /** Stops delivering; resolves once every state already decided is in the store. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    await Promise.all([...this.lanes.values()].map((l) => l.writes));
  }
}
