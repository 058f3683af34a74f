/** Text reminders on the wire: opting in, confirming the code, and the managers' delivery log. */
import { Type } from 'typebox';
import { CHINA_MOBILE_PATTERN } from '../domain/phone-number';
import { CODE_PATTERN } from '../domain/text-limits';
import { Day, Nullable } from '../http/schemas/common';

/** The phone page's socket following the ticket: proof the request comes from the open page. */
export const SOCKET_HEADER = 'x-qms-socket';

export const OptInBody = Type.Object({ phone: Type.String({ pattern: CHINA_MOBILE_PATTERN, maxLength: 20 }) }, { additionalProperties: false });
export const OptInHeaders = Type.Object({ [SOCKET_HEADER]: Type.Optional(Type.String({ maxLength: 64 })) });
export const ConfirmBody = Type.Object({ code: Type.String({ pattern: CODE_PATTERN }) }, { additionalProperties: false });
export const CodeSent = Type.Object({ codeSent: Type.Literal(true), expiresInSeconds: Type.Integer() });
export const OptInStatus = Type.Object({ enabled: Type.Boolean(), phone: Nullable(Type.String()) });
export const Delivery = Type.Object({
  ticketId: Type.String(),
  number: Type.String(),
  kind: Type.String(),
  to: Type.String(),
  provider: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  at: Type.Integer(),
  doneAt: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
});
/** `GET …/notifications?day=`: another day's deliveries (today when left out). */
export const DeliveriesQuery = Type.Object({ day: Type.Optional(Day) });
export const DeliveriesBody = Type.Object({ enabled: Type.Boolean(), day: Day, deliveries: Type.Array(Delivery) });
