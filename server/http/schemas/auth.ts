/** Sign-in on the wire: the credentials, the token and who it belongs to. */
import { Type, type Static } from 'typebox';
import type { Role as DomainRole } from '../../domain/types';
import { Nullable, type Same } from './common';

export const Role = Type.Union([
  Type.Literal('kiosk'),
  Type.Literal('display'),
  Type.Literal('rating'),
  Type.Literal('clerk'),
  Type.Literal('manager'),
  Type.Literal('city_manager'),
  Type.Literal('admin'),
  Type.Literal('security_admin'),
  Type.Literal('audit_admin'),
]);

export const User = Type.Object({ id: Type.String(), name: Type.String(), role: Role, hallId: Nullable(Type.String()), staffNo: Nullable(Type.String()) });

/** A second-factor code as typed: six digits from the app, or a recovery code (`k3m9x-2hq7d`); spaces are ignored. */
const SecondFactorCode = Type.String({ minLength: 6, maxLength: 16, pattern: '^[A-Za-z0-9 -]+$' });

/** `code`: the second factor, for an account that has one (without it: 401 `second_factor_required`). */
export const LoginRequest = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ maxLength: 256 }),
  code: Type.Optional(SecondFactorCode),
});
/**
 * `mustChangePassword`: signed in with a one-time password; the token may only change it.
 * `mustEnrolSecondFactor`: the account must have a second factor first; the token may only enrol one.
 */
export const LoginResponse = Type.Object({
  token: Type.String(),
  user: User,
  mustChangePassword: Type.Optional(Type.Boolean()),
  mustEnrolSecondFactor: Type.Optional(Type.Boolean()),
  /** An administrator's session ends after this many minutes without a request (QMS_ADMIN_IDLE_MINUTES); the console signs out then too. */
  idleMinutes: Type.Optional(Type.Integer({ minimum: 1 })),
});
export const SecondFactorSetupResponse = Type.Object({
  /** Base32, for an app that cannot scan the code. */
  secret: Type.String(),
  otpauthUrl: Type.String(),
  /** The QR code of `otpauthUrl` as an SVG document. */
  qrSvg: Type.String(),
});
export const ConfirmSecondFactorRequest = Type.Object({ code: Type.String({ pattern: '^\\s*\\d{3}\\s?\\d{3}\\s*$' }) }, { additionalProperties: false });
/** A fresh token, and the recovery codes: shown this once, each signs in once instead of the app. */
export const ConfirmSecondFactorResponse = Type.Object({ ...LoginResponse.properties, recoveryCodes: Type.Array(Type.String()) });
export const ChangePasswordRequest = Type.Object(
  { oldPassword: Type.String({ maxLength: 256 }), newPassword: Type.String({ maxLength: 256 }) },
  { additionalProperties: false },
);
export const PairRequest = Type.Object({
  hallId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
  code: Type.String({ pattern: '^\\d{6}$' }),
});
export const MeResponse = Type.Object({ user: User });
export const LogoutResponse = Type.Object({ signedOut: Type.Boolean() });

// Compile-time: the roles are the domain's.
const sameRole: Same<Static<typeof Role>, DomainRole> = true;
void sameRole;
