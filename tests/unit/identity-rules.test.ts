/**
 * 实名取号 rules, pure: the GB 11643 check digit (valid, invalid, the `X` digit, the 15-digit old
 * numbers), masking, the 电子社保卡 payloads, the per-person limits as random kiosk and counter
 * sequences run (never exceeded; an override always recorded), and the counter key map.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskResidentId, residentIdCheckDigit, residentIdProblem } from '../../server/domain/resident-id';
import { parseSocialSecurityQr } from '../../server/domain/social-security-qr';
import { checkIdentityInput } from '../../server/domain/identity-input';
import { identityLimitReached, type IdentityLimitRefusal } from '../../server/domain/identity-limits';
import { actionForKey, counterKeyProblems, counterKeys, DEFAULT_COUNTER_KEYS } from '../../server/domain/counter-keys';
import { loopbackReaderUrl, readerAnswer } from '../../server/domain/card-reader';
import { isDomainError } from '../../server/domain/errors';
import { isOpenTicket } from '../../server/domain/assistance';
import type { Command } from '../../server/domain/commands';
import { Harness, KIOSK, MANAGER, area, clerk, testHall } from '../support/hall-harness';
import { webhookPayload } from '../../server/domain/webhook-payload';

/** A random but real 18-digit number: region, a valid birth date, sequence, and its check character. */
const validId = fc
  .tuple(
    fc.integer({ min: 110000, max: 659999 }),
    fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([region, birth, seq]) => {
    const body = `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    return body + residentIdCheckDigit(body);
  });

describe('公民身份号码 (GB 11643-1999)', () => {
  it("accepts the standard's own examples, with the X check character", () => {
    expect(residentIdProblem('11010519491231002X')).toBeNull();
    expect(residentIdProblem('11010519491231002x')).toBeNull();
    expect(residentIdProblem('440524188001010014')).toBeNull();
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
  });

  it('refuses a wrong check digit, a wrong birth date, bad formats and the 15-digit old numbers', () => {
    expect(residentIdProblem('110105194912310021')).toBe('check_digit');
    expect(residentIdProblem('110105194902300021')).toBe('birth_date');
    expect(residentIdProblem('11010519491231002Y')).toBe('format');
    expect(residentIdProblem('1101051949123100')).toBe('format');
    expect(residentIdProblem('110105491231002')).toBe('old_15_digit');
  });

  it('every valid number passes; every single-character change is caught', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (id, at, shift) => {
        expect(residentIdProblem(id)).toBeNull();
        const chars = '0123456789X';
        const from = chars.indexOf(id[at]!);
        // Digits only where digits belong; the last place may take X too.
        const alphabet = at === 17 ? 11 : 10;
        const to = chars[(from + shift) % alphabet]!;
        if (to === id[at]) return;
        const changed = id.slice(0, at) + to + id.slice(at + 1);
        expect(residentIdProblem(changed)).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('masks to the first four and last four, nothing else of the number', () => {
    expect(maskResidentId('530402199001011234')).toBe('5304**********1234');
    fc.assert(
      fc.property(validId, (id) => {
        const m = maskResidentId(id);
        expect(m).toHaveLength(18);
        expect(m.slice(0, 4)).toBe(id.slice(0, 4));
        expect(m.slice(-4)).toBe(id.slice(-4));
        expect(m.slice(4, 14)).toBe('*'.repeat(10));
      }),
    );
  });
});

describe('电子社保卡 payloads and what the kiosk sends', () => {
  const id = '11010519491231002X';

  it('reads the JSON (人社 field names) and the ESSC line forms', () => {
    expect(parseSocialSecurityQr(JSON.stringify({ aac002: id, aac003: '张三', signNo: 'x' }))).toEqual({ ok: true, card: { idNumber: id, name: '张三' } });
    expect(parseSocialSecurityQr(`ESSC|${id.toLowerCase()}|李四|3301000000`)).toEqual({ ok: true, card: { idNumber: id, name: '李四' } });
  });

  it('refuses what is no payload, and a payload whose number is wrong', () => {
    expect(parseSocialSecurityQr('{"aac003":"张三"}')).toEqual({ ok: false, problem: 'qr_payload' });
    expect(parseSocialSecurityQr('{not json')).toEqual({ ok: false, problem: 'qr_payload' });
    expect(parseSocialSecurityQr('https://example.com/x')).toEqual({ ok: false, problem: 'qr_payload' });
    expect(parseSocialSecurityQr('ESSC|110105194912310021|张三')).toEqual({ ok: false, problem: 'check_digit' });
    expect(parseSocialSecurityQr('ESSC|110105491231002|张三')).toEqual({ ok: false, problem: 'old_15_digit' });
  });

  it('takes a typed or read number, and a payload as a QR whatever the device said', () => {
    expect(checkIdentityInput({ text: ` ${id} `, via: 'card' })).toEqual({ ok: true, identity: { idNumber: id, name: null, via: 'card' } });
    expect(checkIdentityInput({ text: id, name: '王五', via: 'reader' })).toEqual({ ok: true, identity: { idNumber: id, name: '王五', via: 'reader' } });
    expect(checkIdentityInput({ text: `ESSC|${id}|张三`, via: 'card' })).toEqual({ ok: true, identity: { idNumber: id, name: '张三', via: 'qr' } });
    expect(checkIdentityInput({ text: '110105491231002', via: 'typed' })).toEqual({ ok: false, problem: 'old_15_digit' });
  });

  it('asks only a loopback reader service, and reads its answer strictly', () => {
    expect(loopbackReaderUrl('http://127.0.0.1:8989/card')).toBe('http://127.0.0.1:8989/card');
    expect(loopbackReaderUrl('http://localhost:1/')).toBe('http://localhost:1/');
    expect(loopbackReaderUrl('http://192.168.1.9:8989/card')).toBeNull();
    expect(loopbackReaderUrl('https://127.0.0.1/card')).toBeNull();
    expect(loopbackReaderUrl('http://user:pw@127.0.0.1/')).toBeNull();
    expect(readerAnswer({ present: true, idNumber: id, name: ' 张三 ' })).toEqual({ present: true, idNumber: id, name: '张三' });
    expect(readerAnswer({ present: true })).toEqual({ present: false });
    expect(readerAnswer('card')).toEqual({ present: false });
  });
});

describe('per-person limits (decide)', () => {
  const PER_DAY = 3;
  const hall = () =>
    testHall({
      areas: [
        { ...area('estate', 'B'), identity: 'required' },
        { ...area('tax', 'D'), identity: 'optional' },
        { ...area('police', 'H'), identity: 'required' },
      ],
      windows: [
        { id: '1', number: 1, name: 'one', areaIds: ['estate'] },
        { id: '3', number: 3, name: 'three', areaIds: ['tax'] },
        { id: '4', number: 4, name: 'four', areaIds: ['police'] },
      ],
      policy: { identityPerDay: PER_DAY },
    });
  const AREAS = ['estate', 'tax', 'police'];
  const WINDOWS: Record<string, string> = { estate: '1', tax: '3', police: '4' };
  const PEOPLE = ['p1', 'p2', 'p3'];

  type Step = { kind: 'issue'; person: string; areaId: string; override: boolean } | { kind: 'serve'; areaId: string };
  const step: fc.Arbitrary<Step> = fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .record({ person: fc.constantFrom(...PEOPLE), areaId: fc.constantFrom(...AREAS), override: fc.boolean() })
        .map((s) => ({ kind: 'issue' as const, ...s })),
    },
    { weight: 2, arbitrary: fc.constantFrom(...AREAS).map((areaId) => ({ kind: 'serve' as const, areaId })) },
  );

  it('never lets a person hold two open tickets in one area or pass the daily number, unless an override says why', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const h = new Harness(hall(), undefined, true);
        for (const w of ['1', '3', '4']) h.open(w);
        for (const s of steps) {
          try {
            if (s.kind === 'serve') h.serveNext(WINDOWS[s.areaId]!);
            else {
              const cmd: Command = {
                type: 'issue-ticket',
                areaId: s.areaId,
                identity: { tag: s.person, via: 'card' },
                ...(s.override ? { identityOverride: { reason: '帮办：代办老人' } } : {}),
              };
              h.run(cmd, s.override ? MANAGER : KIOSK);
            }
          } catch (err) {
            if (!isDomainError(err)) throw err;
            expect(err.code).toBe('identity_limit');
            // The refusal names the limit that applies, with what the citizen is told of it.
            if (s.kind !== 'issue') throw err;
            const refusal = err.detail?.refusal as IdentityLimitRefusal;
            expect(refusal.limit).toBe(identityLimitReached(h.state, s.person, s.areaId));
            if (refusal.limit === 'daily_cap') expect(refusal.perDay).toBe(PER_DAY);
            else {
              const held = [...h.state.tickets.values()].find((t) => t.number === refusal.ticket);
              expect(held && held.identityTag === s.person && held.areaId === s.areaId && isOpenTicket(held)).toBe(true);
              expect(refusal.area).toBe(h.state.config.areas.find((a) => a.id === s.areaId)!.name);
            }
          }
        }
        for (const person of PEOPLE) {
          const issued = h.log.filter((e) => e.type === 'ticket.issued' && e.identity?.tag === person);
          const overrides = issued.filter((e) => e.type === 'ticket.issued' && e.identity?.override);
          expect(issued.length - overrides.length).toBeLessThanOrEqual(PER_DAY);
          for (const e of overrides) {
            expect(e.actor).toEqual(MANAGER);
            if (e.type === 'ticket.issued') expect(e.identity!.override).toMatchObject({ by: 'manager', reason: '帮办：代办老人' });
          }
          // Without overrides, never two open tickets of one person in one area.
          if (overrides.length === 0) {
            for (const a of AREAS) {
              const open = [...h.state.tickets.values()].filter((t) => t.identityTag === person && t.areaId === a && isOpenTicket(t));
              expect(open.length).toBeLessThanOrEqual(1);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses at the kiosk with identity_limit, lets staff override with a reason, and records it', () => {
    const h = new Harness(hall(), undefined, true);
    h.run({ type: 'issue-ticket', areaId: 'estate', identity: { tag: 'p1', via: 'card' } }, KIOSK);
    expect(() => h.run({ type: 'issue-ticket', areaId: 'estate', identity: { tag: 'p1', via: 'card' } }, KIOSK)).toThrow(
      expect.objectContaining({ code: 'identity_limit' }),
    );
    expect(identityLimitReached(h.state, 'p1', 'estate')).toBe('open_in_area');
    expect(identityLimitReached(h.state, 'p1', 'tax')).toBeNull();
    // A kiosk cannot override; staff need a reason.
    expect(() => h.run({ type: 'issue-ticket', areaId: 'estate', identity: { tag: 'p1', via: 'card' }, identityOverride: { reason: 'x' } }, KIOSK)).toThrow(
      expect.objectContaining({ code: 'identity_override_not_allowed' }),
    );
    expect(() => h.run({ type: 'issue-ticket', areaId: 'estate', identity: { tag: 'p1', via: 'card' }, identityOverride: { reason: '  ' } }, clerk(1))).toThrow(
      expect.objectContaining({ code: 'identity_limit' }),
    );
    const [e] = h.run({ type: 'issue-ticket', areaId: 'estate', identity: { tag: 'p1', via: 'typed' }, identityOverride: { reason: '帮办' } }, clerk(1));
    expect(e).toMatchObject({
      type: 'ticket.issued',
      identity: { tag: 'p1', via: 'typed', override: { limit: 'open_in_area', by: 'clerk1', reason: '帮办' } },
    });
    // Integrations are told of the ticket, never of the person (not even the keyed hash).
    expect(JSON.stringify(webhookPayload(e!))).not.toContain('identity');
    expect(JSON.stringify(webhookPayload(e!))).not.toContain('"p1"');
  });

  it('asks for an identity where required (kiosk), takes none where off, and checks in a booking by identity', () => {
    const h = new Harness(
      testHall({
        areas: [{ ...area('estate', 'B'), identity: 'required', appointments: { slotMinutes: 30, capacity: 2 } }, area('tax', 'D')],
        windows: [{ id: '1', number: 1, name: 'one', areaIds: ['estate', 'tax'] }],
      }),
      undefined,
      true,
    );
    expect(() => h.run({ type: 'issue-ticket', areaId: 'estate' }, KIOSK)).toThrow(expect.objectContaining({ code: 'identity_required' }));
    const [anon] = h.run({ type: 'issue-ticket', areaId: 'tax', identity: { tag: 'p9', via: 'card' } }, KIOSK);
    expect(anon).not.toHaveProperty('identity');
    const [booked] = h.run({ type: 'book-appointment', areaId: 'estate', date: h.state.day, start: '09:00', identityTag: 'p2' }, null);
    expect(booked).toMatchObject({ type: 'appointment.booked', appointment: { identityTag: 'p2' } });
    expect(() => h.run({ type: 'issue-ticket', identity: { tag: 'p3', via: 'card' } }, KIOSK)).toThrow(
      expect.objectContaining({ code: 'appointment_not_found' }),
    );
    const [checkedIn] = h.run({ type: 'issue-ticket', identity: { tag: 'p2', via: 'card' } }, KIOSK);
    expect(checkedIn).toMatchObject({ type: 'ticket.issued', priority: 'appointment', channel: 'appointment', identity: { tag: 'p2' } });
    expect(() => h.run({ type: 'issue-ticket', identity: { tag: 'p2', via: 'card' } }, KIOSK)).toThrow(expect.objectContaining({ code: 'appointment_used' }));
  });
});

describe('counter keys', () => {
  it('works F-key and numeric keypads by default, and a hall map replaces only what it names', () => {
    const keys = counterKeys(undefined);
    expect(actionForKey(keys, 'F1')).toBe('callNext');
    expect(actionForKey(keys, '1')).toBe('callNext');
    expect(actionForKey(keys, '9')).toBe('noShow');
    expect(actionForKey(keys, 'F5')).toBeNull();
    const hall = counterKeys({ callNext: ['NumpadAdd'] });
    expect(actionForKey(hall, 'NumpadAdd')).toBe('callNext');
    expect(actionForKey(hall, 'F1')).toBeNull();
    expect(hall.recall).toEqual(DEFAULT_COUNTER_KEYS.recall);
    expect(counterKeyProblems(undefined)).toEqual([]);
  });

  it('reports a key given to two actions, or a reserved one', () => {
    expect(counterKeyProblems({ recall: ['F1'] })).toEqual([{ key: 'F1', problem: 'duplicate' }]);
    expect(counterKeyProblems({ park: ['Alt+S'] })).toEqual([{ key: 'Alt+S', problem: 'reserved' }]);
  });
});
