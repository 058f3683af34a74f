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

export const LoginRequest = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ maxLength: 256 }) });
/** `mustChangePassword`: signed in with a one-time password; the token may only change it. */
export const LoginResponse = Type.Object({ token: Type.String(), user: User, mustChangePassword: Type.Optional(Type.Boolean()) });
export const ChangePasswordRequest = Type.Object({ oldPassword: Type.String({ maxLength: 256 }), newPassword: Type.String({ maxLength: 256 }) }, { additionalProperties: false });
export const PairRequest = Type.Object({ hallId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }), code: Type.String({ pattern: '^\\d{6}$' }) });
export const MeResponse = Type.Object({ user: User });
export const LogoutResponse = Type.Object({ signedOut: Type.Boolean() });

// Compile-time: the roles are the domain's.
const sameRole: Same<Static<typeof Role>, DomainRole> = true;
void sameRole;
