/**
 * The account and device rules the console's forms and the server share: for any input, the form's
 * check (`accountProblems`, `deviceProblems`) and the server's schemas (TypeBox, as the routes
 * validate) agree on what is acceptable; who may give which role.
 */
import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { CreateAccountRequest } from '../../server/admin/account-schemas';
import { DeviceSchema } from '../../server/config/hall-schema';
import { accountProblems, staffRolesFor } from '../../server/domain/account-rules';
import { deviceProblems } from '../../server/domain/device-rules';

const admin = { role: 'admin' as const, hallId: null };
const manager = { role: 'manager' as const, hallId: 'yuxi' };
const clerk = { role: 'clerk' as const, hallId: 'yuxi' };

/** Ids and names near the limits, with the characters people actually type wrong. */
const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: max + 3, unit: fc.constantFrom('a', 'Z', '7', '_', '-', ' ', '李', '.', '/', '@') }),
    fc.constantFrom('', 'clerk01', 'yx-lina', 'a'.repeat(max), 'a'.repeat(max + 1)),
  );

describe('account and device rules', () => {
  it("offers the system administrator every staff role but the administrators', the security administrator those, a manager clerks only, a clerk none", () => {
    // 三员分立: the three administrators' accounts are the security administrator's duty alone.
    expect(staffRolesFor(admin, 'yuxi')).toEqual(['clerk', 'manager', 'city_manager']);
    expect(staffRolesFor({ role: 'security_admin', hallId: null }, 'yuxi')).toEqual(['admin', 'security_admin', 'audit_admin']);
    expect(staffRolesFor({ role: 'audit_admin', hallId: null }, 'yuxi')).toEqual([]);
    expect(staffRolesFor(manager, 'yuxi')).toEqual(['clerk']);
    expect(staffRolesFor(manager, 'tonghai')).toEqual([]);
    expect(staffRolesFor(clerk, 'yuxi')).toEqual([]);
  });

  it('accepts an account form exactly when the create route’s schema does', () => {
    fc.assert(
      fc.property(text(64), text(64), fc.option(text(32), { nil: null }), (id, name, staffNo) => {
        const body = { id, name, role: 'clerk', hallId: 'yuxi', staffNo };
        const schemaOk = Value.Check(CreateAccountRequest, body);
        const formOk = accountProblems(admin, { id, name, staffNo, role: 'clerk', hallId: 'yuxi' }).length === 0;
        // The form also takes an empty 工号 as "none" (null); the schema's null is the same.
        expect(formOk, JSON.stringify(body)).toBe(schemaOk || (staffNo === '' && Value.Check(CreateAccountRequest, { ...body, staffNo: null })));
      }),
      { numRuns: 400 },
    );
    expect(accountProblems(manager, { id: 'new-admin', name: '新管理员', staffNo: null, role: 'admin', hallId: 'yuxi' })).toEqual([
      { field: 'role', problem: 'role_not_allowed' },
    ]);
    // A city manager: only an admin makes one, and it lists at least one hall.
    expect(accountProblems(manager, { id: 'city-2', name: '片区', staffNo: null, role: 'city_manager', hallId: null, hallIds: ['yuxi'] })).toEqual([
      { field: 'role', problem: 'role_not_allowed' },
    ]);
    expect(accountProblems(admin, { id: 'city-2', name: '片区', staffNo: null, role: 'city_manager', hallId: null, hallIds: [] })).toEqual([
      { field: 'hallIds', problem: 'no_halls' },
    ]);
    expect(accountProblems(admin, { id: 'city-2', name: '片区', staffNo: null, role: 'city_manager', hallId: null, hallIds: ['yuxi', 'tonghai'] })).toEqual([]);
  });

  it('accepts a device form exactly when the hall document’s schema does (and its id is an account id)', () => {
    const printer = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('tcp://127.0.0.1:9100', 'tcp://printer.local:9100', '127.0.0.1:9100', 'tcp://a:b', 'http://x:1', 'tcp://host:'),
    );
    fc.assert(
      fc.property(text(40), fc.constantFrom('kiosk', 'display', 'rating'), printer, (id, kind, address) => {
        const device = { id, kind, ...(address === undefined ? {} : { printer: address }) };
        const schemaOk = Value.Check(DeviceSchema, device) && /^[A-Za-z0-9_-]+$/.test(id) && (address === undefined || kind === 'kiosk');
        expect(deviceProblems({ id, kind, printer: address }).length === 0, JSON.stringify(device)).toBe(schemaOk);
      }),
      { numRuns: 400 },
    );
  });
});
