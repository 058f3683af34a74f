/**
 * Where the server may open a connection of its own (SSRF, OWASP ASVS V12.6 / 等保 入侵防范).
 *
 * A webhook or an SMS gateway is somebody else's service on the internet: only public unicast
 * addresses, never loopback, link-local (169.254.169.254, a cloud's metadata service), the private
 * and carrier-grade NAT ranges (Aliyun's metadata is 100.100.100.200), multicast or reserved ones —
 * any port. A ticket printer is a box on the hall's own LAN: only private addresses (10/8,
 * 172.16/12, 192.168/16, fc00::/7) and the raw printing ports 9100–9109, so the printer test cannot
 * be turned into a port scanner. An address the operator lists in `QMS_OUTBOUND_ALLOW` is allowed
 * for either, on any port (a gateway inside the government network; tests' local receivers).
 *
 * Pure: the caller classifies the address (its named range, e.g. `loopback`, `private`, `unicast`)
 * and says whether the allow-list holds it; this decides.
 */
export type OutboundPurpose = 'web' | 'printer';

/** The raw TCP printing ports (HP JetDirect 9100 and the next nine, for several printers behind one box). */
export const PRINTER_PORT_FIRST = 9100;
export const PRINTER_PORT_LAST = 9109;

/** The named ranges a printer may be in: the private LAN ranges of IPv4 and IPv6. */
const LAN_RANGES = new Set(['private', 'uniqueLocal']);

export type OutboundVerdict = { ok: true } | { ok: false; reason: 'address' | 'port'; range: string };

/**
 * Whether a connection for `purpose` to an address of the named `range` on `port` may be opened.
 * `listed`: the address is inside a `QMS_OUTBOUND_ALLOW` CIDR.
 */
export function outboundVerdict(purpose: OutboundPurpose, range: string, port: number, listed: boolean): OutboundVerdict {
  if (listed) return { ok: true };
  if (purpose === 'web') return range === 'unicast' ? { ok: true } : { ok: false, reason: 'address', range };
  if (!LAN_RANGES.has(range)) return { ok: false, reason: 'address', range };
  if (port < PRINTER_PORT_FIRST || port > PRINTER_PORT_LAST) return { ok: false, reason: 'port', range };
  return { ok: true };
}
