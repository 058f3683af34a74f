/**
 * The outbound rule on addresses as the resolver gives them (`OutboundPolicy`, ipaddr.js ranges):
 * webhooks and SMS reach only public unicast addresses; printers only LAN addresses on 9100–9109;
 * the allow-list opens an address for both, on any port; IPv4 inside IPv6 counts as the IPv4.
 */
import { describe, expect, it } from 'vitest';
import { OutboundPolicy, parseOutboundAllow } from '../../server/outbound/outbound-policy';

const ok = (p: OutboundPolicy, purpose: 'web' | 'printer', address: string, port: number) => p.verdict(purpose, address, port).ok;

describe('the outbound rule', () => {
  const none = new OutboundPolicy();

  it('lets webhooks and SMS reach public addresses only', () => {
    for (const a of ['8.8.8.8', '106.11.0.1', '2400:3200::1']) expect([a, ok(none, 'web', a, 443)]).toEqual([a, true]);
    for (const a of [
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '::ffff:127.0.0.1',
      '169.254.169.254',
      '100.100.100.200',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.0.1',
      'fd00:ec2::254',
      'fe80::1',
      '0.0.0.0',
      '::',
      '224.0.0.1',
      '255.255.255.255',
      '240.0.0.1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::1',
    ]) {
      expect([a, ok(none, 'web', a, 80)]).toEqual([a, false]);
    }
  });

  it('lets printers reach LAN addresses on 9100–9109 only', () => {
    for (const a of ['10.0.0.5', '172.20.1.1', '192.168.1.50', 'fd12::5']) {
      expect([a, ok(none, 'printer', a, 9100), ok(none, 'printer', a, 9109)]).toEqual([a, true, true]);
      expect([a, ok(none, 'printer', a, 9110), ok(none, 'printer', a, 22), ok(none, 'printer', a, 6379)]).toEqual([a, false, false, false]);
    }
    for (const a of ['127.0.0.1', '169.254.169.254', '8.8.8.8', '100.64.0.1']) expect([a, ok(none, 'printer', a, 9100)]).toEqual([a, false]);
    expect(none.verdict('printer', '192.168.1.50', 22)).toEqual({ ok: false, reason: 'port', range: 'private' });
  });

  it('opens listed addresses and CIDRs, on any port, for both', () => {
    const listed = new OutboundPolicy(parseOutboundAllow('127.0.0.1, 10.20.0.0/16, ::1').cidrs);
    expect(ok(listed, 'web', '127.0.0.1', 8080)).toBe(true);
    expect(ok(listed, 'web', '::ffff:127.0.0.1', 8080)).toBe(true);
    expect(ok(listed, 'printer', '127.0.0.1', 40000)).toBe(true);
    expect(ok(listed, 'web', '10.20.3.4', 80)).toBe(true);
    expect(ok(listed, 'web', '10.21.3.4', 80)).toBe(false);
    expect(ok(listed, 'web', '::1', 80)).toBe(true);
    expect(ok(listed, 'web', '127.0.0.2', 80)).toBe(false);
    expect(parseOutboundAllow('10.0.0.0/8,nonsense,1.2.3.4/40').problems).toEqual([
      'QMS_OUTBOUND_ALLOW=nonsense: expected addresses or CIDRs such as 10.20.0.0/16 or 127.0.0.1',
      'QMS_OUTBOUND_ALLOW=1.2.3.4/40: expected addresses or CIDRs such as 10.20.0.0/16 or 127.0.0.1',
    ]);
  });
});
