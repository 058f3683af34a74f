/**
 * The one way the server sends an HTTP request of its own (webhooks, SMS gateways): the target is
 * checked by the outbound policy before connecting (a literal address here; a name inside the
 * connection, at its resolution), a redirect is an answer like any other and never followed (it
 * could point anywhere, and would carry the signature along), and every failure before an HTTP
 * answer reads the same — "no answer" — whether the port was closed, filtered or spoke something
 * else, so delivery errors cannot be used to map a network.
 */
import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import { OutboundPolicy, OutboundRefused } from './outbound-policy';

export interface OutboundRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface OutboundAnswer {
  status: number;
  /** The answer's body (at most `MAX_BODY` bytes are kept). */
  text: string;
}

/** Why nothing was answered: the target is not allowed, or no HTTP answer came. */
export class OutboundFailure extends Error {
  constructor(
    readonly kind: 'refused' | 'no_answer',
    message: string,
  ) {
    super(message);
    this.name = 'OutboundFailure';
  }
}

const MAX_BODY = 64 * 1024;
/** What every connection failure says, whatever the socket error was. */
export const NO_ANSWER = 'no answer from the receiver';

function refusal(err: unknown): OutboundRefused | null {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (e instanceof OutboundRefused) return e;
  return null;
}

export class OutboundHttp {
  private readonly agent: Agent;

  constructor(readonly policy: OutboundPolicy) {
    this.agent = new Agent({ connect: { lookup: policy.lookup('web', 0) } });
  }

  /** Refuses (throws `OutboundRefused`) a URL whose host is a forbidden literal address or resolves to one. */
  async checkUrl(url: string): Promise<void> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new OutboundFailure('refused', `${url} is not a URL`);
    }
    await this.policy.checkHost('web', u.hostname, Number(u.port) || (u.protocol === 'https:' ? 443 : 80));
  }

  /** One request, one answer (any status, a 3xx included); throws `OutboundFailure` when there is no answer. */
  async send(req: OutboundRequest): Promise<OutboundAnswer> {
    const u = new URL(req.url);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    try {
      // A literal address never goes through `lookup`: checked here.
      if (isIP(host)) this.policy.check('web', host, Number(u.port) || 0);
      const res = await request(u, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(req.timeoutMs),
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
      }
      return { status: res.statusCode, text: Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8') };
    } catch (err) {
      const refused = refusal(err);
      if (refused) throw new OutboundFailure('refused', `target not allowed: ${refused.message}`);
      throw new OutboundFailure('no_answer', NO_ANSWER);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
