/** Accounts and device pairing on the wire. No shape here carries a password hash. */
import { Type } from 'typebox';
import { Role } from '../http/schemas/auth';
import { ACCOUNT_NAME_MAX, STAFF_NO_MAX } from '../domain/account-rules';
import { PLAIN_TEXT_SOURCE } from '../domain/plain-text';
import { IdParam, Nullable } from '../http/schemas/common';

export const AccountSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Role,
  hallId: Nullable(Type.String()),
  /** The halls a city manager reports on; empty for every other role. */
  hallIds: Type.Array(Type.String()),
  staffNo: Nullable(Type.String()),
  mustChangePassword: Type.Boolean(),
  disabled: Type.Boolean(),
  /** Epoch ms: tokens issued before are refused. */
  tokensValidAfter: Type.Integer(),
  /** Signs in with a second factor (TOTP). */
  secondFactor: Type.Boolean(),
});

// A staff name is printed on screens and in logs and reports: no control characters (`plain-text.ts`).
const Name = Type.String({ minLength: 1, maxLength: ACCOUNT_NAME_MAX, pattern: PLAIN_TEXT_SOURCE });
const StaffNo = Nullable(Type.String({ minLength: 1, maxLength: STAFF_NO_MAX }));
/** A city manager's halls. */
const HallIds = Type.Array(IdParam, { maxItems: 1000 });

export const AccountParams = Type.Object({ id: IdParam });
export const AccountListQuery = Type.Object({ hallId: Type.Optional(IdParam) });
export const AccountList = Type.Object({ accounts: Type.Array(AccountSchema) });
export const AccountBody = Type.Object({ account: AccountSchema });

export const CreateAccountRequest = Type.Object(
  { id: IdParam, name: Name, role: Role, hallId: Nullable(IdParam), hallIds: Type.Optional(HallIds), staffNo: Type.Optional(StaffNo) },
  { additionalProperties: false },
);
export const CreateAccountResponse = Type.Object({ account: AccountSchema, oneTimePassword: Type.String() });

export const PatchAccountRequest = Type.Object(
  {
    name: Type.Optional(Name),
    role: Type.Optional(Role),
    hallId: Type.Optional(Nullable(IdParam)),
    hallIds: Type.Optional(HallIds),
    staffNo: Type.Optional(StaffNo),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ResetPasswordResponse = Type.Object({ oneTimePassword: Type.String() });

export const DeviceParams = Type.Object({ hallId: IdParam, deviceId: IdParam });
export const PairingCodeResponse = Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }), expiresAt: Type.String() });

/** A kiosk's printer printed the test slip (a failing printer answers 503 with its code). */
export const PrintTestResponse = Type.Object({ ok: Type.Literal(true) });
