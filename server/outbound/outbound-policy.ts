/**
 * The outbound rule (`server/domain/outbound-rules.ts`) applied to real addresses: each address is
 * classified with ipaddr.js (an IPv4-mapped IPv6 address counts as the IPv4 one), the
 * `QMS_OUTBOUND_ALLOW` CIDRs are matched, and host names are resolved with `node:dns` inside the
 * connection itself — `lookup()` below is handed to `net.connect`, so the addresses checked are
 * exactly the ones connected to (no second resolution a DNS rebinding could answer differently).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { outboundVerdict, type OutboundPurpose, type OutboundVerdict } from '../domain/outbound-rules';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** A connection the rule does not allow: nothing was sent, no connection was opened. */
export class OutboundRefused extends Error {
  constructor(
    readonly address: string,
    readonly port: number,
    readonly verdict: Extract<OutboundVerdict, { ok: false }>,
  ) {
    super(
      verdict.reason === 'port'
        ? `port ${port} is not a printer port (9100-9109); list ${address} in QMS_OUTBOUND_ALLOW to allow it`
        : `${address} is a ${verdict.range} address; list it in QMS_OUTBOUND_ALLOW to allow it`,
    );
    this.name = 'OutboundRefused';
  }
}

/** `QMS_OUTBOUND_ALLOW`: comma-separated addresses or CIDRs; the problems name each bad entry. */
export function parseOutboundAllow(raw: string): { cidrs: string[]; problems: string[] } {
  const cidrs: string[] = [];
  const problems: string[] = [];
  for (const entry of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (ipaddr.isValidCIDR(entry) || ipaddr.isValid(entry)) cidrs.push(entry);
    else problems.push(`QMS_OUTBOUND_ALLOW=${entry}: expected addresses or CIDRs such as 10.20.0.0/16 or 127.0.0.1`);
  }
  return { cidrs, problems };
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export class OutboundPolicy {
  private readonly allow: Array<[Address, number]>;

  constructor(allowCidrs: readonly string[] = []) {
    this.allow = allowCidrs.map((c) => {
      if (ipaddr.isValidCIDR(c)) {
        const [a, bits] = ipaddr.parseCIDR(c);
        return [normal(a), a.kind() === 'ipv6' && normal(a).kind() === 'ipv4' ? bits - 96 : bits];
      }
      const a = normal(ipaddr.parse(c));
      return [a, a.kind() === 'ipv4' ? 32 : 128];
    });
  }

  /** The verdict for one literal address (v4, v6, with or without brackets). */
  verdict(purpose: OutboundPurpose, address: string, port: number): OutboundVerdict {
    const a = normal(ipaddr.parse(address.replace(/^\[|\]$/g, '')));
    const listed = this.allow.some(([net, bits]) => net.kind() === a.kind() && a.match(net, bits));
    return outboundVerdict(purpose, a.range(), port, listed);
  }

  /** Throws `OutboundRefused` unless the literal address is allowed. */
  check(purpose: OutboundPurpose, address: string, port: number): void {
    const v = this.verdict(purpose, address, port);
    if (!v.ok) throw new OutboundRefused(address, port, v);
  }

  /**
   * A `lookup` for `net.connect`/`tls.connect` that resolves with `node:dns` and answers only when
   * every address the name has is allowed (one forbidden address refuses the name: a name that
   * points inside is not a public service).
   */
  lookup(purpose: OutboundPurpose, port: number) {
    return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
      dnsLookup(hostname, { family: options.family ?? 0, hints: options.hints ?? 0, all: true }, (err, addresses) => {
        if (err) return callback(err, []);
        for (const { address } of addresses) {
          const v = this.verdict(purpose, address, port);
          if (!v.ok) return callback(new OutboundRefused(address, port, v), []);
        }
        if (options.all) return callback(null, addresses);
        const first = addresses[0];
        if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
        callback(null, first.address, first.family);
      });
    };
  }

  /** Resolves `host` (or takes the literal) and throws `OutboundRefused` for a forbidden address: a check before anything is stored. */
  async checkHost(purpose: OutboundPurpose, host: string, port: number): Promise<void> {
    const bare = host.replace(/^\[|\]$/g, '');
    if (isIP(bare)) return this.check(purpose, bare, port);
    await new Promise<void>((resolve, reject) =>
      this.lookup(purpose, port)(bare, { all: true }, (err) => {
        if (err instanceof OutboundRefused) reject(err);
        // A name that does not resolve now may later; each connection checks it again.
        else resolve();
      }),
    );
  }
}

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is the IPv4 address it carries. */
function normal(a: Address): Address {
  return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
}
