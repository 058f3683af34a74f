/**
 * A local HTTP receiver (node:http) for outbound calls: SMS providers and webhook endpoints. It
 * records every request (method, URL, headers, raw body) and answers as the test says: fail the
 * first N, hang, or accept.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export class HttpReceiver {
  readonly received: Received[] = [];
  /** Answer for the next request: 200 by default; `hang` never answers. */
  answer: (n: number, req: Omit<Received, 'status'>) => number | 'hang' = () => 200;
  private readonly hanging = new Set<import('node:http').ServerResponse>();

  private constructor(private readonly server: Server) {}

  /** `port`: listen where an earlier receiver was (a receiver that comes back up); default a free one. */
  static async start(port = 0): Promise<HttpReceiver> {
    const server = createServer();
    const r = new HttpReceiver(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const got = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        const a = r.answer(r.received.length, got);
        if (a === 'hang') {
          r.hanging.add(res);
          r.received.push({ ...got, status: 0 });
          return;
        }
        r.received.push({ ...got, status: a });
        res.writeHead(a, { 'content-type': 'application/json' }).end(a < 300 ? '{"Code":"OK"}' : '{"Code":"Fail"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return r;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls `check` until it is true (or fails after `ms`). */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
