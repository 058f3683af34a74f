/** The audit trail on the wire: its records, newest first, as the audit administrator reads them. */
import { Type, type Static } from 'typebox';
import type { AuditKind } from '../../domain/audit-record';
import { Nullable, type Same } from './common';

export const AuditKindSchema = Type.Union([
  Type.Literal('sign_in'),
  Type.Literal('sign_in_failed'),
  Type.Literal('password_change'),
  Type.Literal('admin_change'),
  Type.Literal('personal_data_export'),
  Type.Literal('access_refused'),
]);

export const AuditQuery = Type.Object(
  {
    /** Records before this place (the `next` of the previous page). */
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    kind: Type.Optional(AuditKindSchema),
  },
  { additionalProperties: false },
);

export const AuditRecordView = Type.Object({
  seq: Type.Integer(),
  /** ISO-8601 instant. */
  at: Type.String(),
  kind: AuditKindSchema,
  actor: Nullable(Type.String()),
  role: Nullable(Type.String()),
  address: Nullable(Type.String()),
  method: Type.String(),
  route: Nullable(Type.String()),
  status: Type.Integer(),
  hallId: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  /** The previous record's hash and this one's (hex): the chain `npm run audit:verify` checks. */
  prev: Type.String(),
  hash: Type.String(),
  alg: Type.Union([Type.Literal('sha256'), Type.Literal('sm3')]),
});

export const AuditResponse = Type.Object({
  records: Type.Array(AuditRecordView),
  /** Ask again with `before=next` for older records; null: there are none. */
  next: Nullable(Type.Integer()),
});

// Compile-time: the kinds are the domain's.
const sameKind: Same<Static<typeof AuditKindSchema>, AuditKind> = true;
void sameKind;
