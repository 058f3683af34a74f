/**
 * What an account may look like and who may manage it. The server's schemas and `AccountAdmin`
 * enforce these; the console checks the same before sending, so a form and the server never disagree.
 * 三员分立 (separation of duties): the system administrator (`admin`) manages the halls' staff and
 * devices and city managers, never an administrator; the security administrator (`security_admin`)
 * manages the three administrators' accounts (who holds which role) and resets second factors; the
 * audit administrator (`audit_admin`) manages nothing. An account holds one role, so no account
 * holds two duties, and nobody changes their own role. A hall manager manages the clerks and
 * devices of their own hall. A city manager (`city_manager`) belongs to no hall but reports on a
 * list of them (`hallIds`): only the system administrator makes one.
 */
import type { Role } from './types';

/** Account ids (also device ids): letters, digits, `_` and `-`, as every id in a path. */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
export const ACCOUNT_ID_MAX = 64;
export const ACCOUNT_NAME_MAX = 64;
export const STAFF_NO_MAX = 32;

export const STAFF_ROLES: readonly Role[] = ['clerk', 'manager', 'city_manager', 'admin', 'security_admin', 'audit_admin'];
/** The three administrators of 三员分立: system, security and audit administrator. */
export const ADMINISTRATOR_ROLES = ['admin', 'security_admin', 'audit_admin'] as const satisfies readonly Role[];
export type AdministratorRole = (typeof ADMINISTRATOR_ROLES)[number];
export const isAdministrator = (role: Role): role is AdministratorRole => (ADMINISTRATOR_ROLES as readonly Role[]).includes(role);
/** Roles that belong to no single hall (`hallId` null). */
export const HALL_LESS_ROLES: ReadonlySet<Role> = new Set<Role>(['city_manager', ...ADMINISTRATOR_ROLES]);
export const DEVICE_ROLES: ReadonlySet<Role> = new Set<Role>(['kiosk', 'display', 'rating']);
/**
 * Whether an account of `role` is ever asked to change a one-time password. A device (kiosk, wall
 * display, rating pad) has no person to choose a password: it enrols by pairing code, and a flag
 * that only a person can clear would leave it refusing every request (`password_change_required`).
 */
export const changesOwnPassword = (role: Role): boolean => !DEVICE_ROLES.has(role);
/** What a hall manager may manage in their own hall. */
const HALL_MANAGED: ReadonlySet<Role> = new Set<Role>(['clerk', ...DEVICE_ROLES]);

type Holder = { role: Role; hallId: string | null };

/** Whether `actor` may manage an account shaped like `target` (its role, its hall; see the top). */
export function mayManage(actor: Holder, target: Holder): boolean {
  if (actor.role === 'admin') return !isAdministrator(target.role);
  if (actor.role === 'security_admin') return isAdministrator(target.role);
  return actor.role === 'manager' && actor.hallId !== null && HALL_MANAGED.has(target.role) && target.hallId === actor.hallId;
}

/** Whether `actor` may give `target` (an account of role `from`) the role `to`: never their own role. */
export function mayChangeRole(actor: Holder & { id: string }, targetId: string, from: Role, to: Role): boolean {
  return from === to || actor.id !== targetId;
}

/** The staff roles `actor` may give an account of `hallId` (an admin belongs to no hall). */
export function staffRolesFor(actor: Holder, hallId: string): Role[] {
  return STAFF_ROLES.filter((role) => mayManage(actor, { role, hallId: HALL_LESS_ROLES.has(role) ? null : hallId }));
}

export type AccountField = 'id' | 'name' | 'staffNo' | 'role' | 'hallIds';
export type AccountProblem = 'bad_id' | 'id_too_long' | 'missing_name' | 'name_too_long' | 'staff_no_too_long' | 'role_not_allowed' | 'no_halls';

/** Whether an account of `role` lists the halls it reports on (`hallIds`), and must list at least one. */
export const listsHalls = (role: Role): boolean => role === 'city_manager';

/** Every problem with an account's form, field by field (empty: the server will take it). */
export function accountProblems(
  actor: Holder,
  input: { id?: string; name: string; staffNo: string | null; role: Role; hallId: string | null; hallIds?: readonly string[] },
): Array<{ field: AccountField; problem: AccountProblem }> {
  const out: Array<{ field: AccountField; problem: AccountProblem }> = [];
  if (input.id !== undefined) {
    if (input.id.length > ACCOUNT_ID_MAX) out.push({ field: 'id', problem: 'id_too_long' });
    else if (!ACCOUNT_ID_PATTERN.test(input.id)) out.push({ field: 'id', problem: 'bad_id' });
  }
  if (input.name.length === 0) out.push({ field: 'name', problem: 'missing_name' });
  if (input.name.length > ACCOUNT_NAME_MAX) out.push({ field: 'name', problem: 'name_too_long' });
  if (input.staffNo !== null && input.staffNo.length > STAFF_NO_MAX) out.push({ field: 'staffNo', problem: 'staff_no_too_long' });
  if (!mayManage(actor, { role: input.role, hallId: HALL_LESS_ROLES.has(input.role) ? null : input.hallId }))
    out.push({ field: 'role', problem: 'role_not_allowed' });
  if (listsHalls(input.role) && (input.hallIds ?? []).length === 0) out.push({ field: 'hallIds', problem: 'no_halls' });
  return out;
}
