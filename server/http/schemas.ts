/**
 * TypeBox schemas of the v1 wire shapes (api.md). Responses are serialised through them, so the
 * compile-time checks at the bottom keep them equal to the domain's view types.
 */
import { Type, type Static, type TSchema } from 'typebox';
import type { BoardView, TicketView, WindowView } from '../domain/views';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const IdParam = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const HallParams = Type.Object({ hallId: IdParam });
export const TicketParams = Type.Object({ hallId: IdParam, ticketId: IdParam });
export const WindowParams = Type.Object({ hallId: IdParam, windowId: IdParam });

export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()), reason: Type.Optional(Type.String()) }),
});

export const Priority = Type.Union([Type.Literal('normal'), Type.Literal('priority'), Type.Literal('appointment'), Type.Literal('urgent')]);

export const Ticket = Type.Object({
  id: Type.String(),
  number: Type.String(),
  hallId: Type.String(),
  areaId: Type.String(),
  serviceId: Nullable(Type.String()),
  priority: Priority,
  status: Type.Union([
    Type.Literal('waiting'),
    Type.Literal('called'),
    Type.Literal('serving'),
    Type.Literal('done'),
    Type.Literal('no_show'),
    Type.Literal('transferred'),
    Type.Literal('cancelled'),
  ]),
  issuedAt: Type.String(),
  calledAt: Nullable(Type.String()),
  startedAt: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  windowId: Nullable(Type.String()),
  ahead: Nullable(Type.Integer()),
  estimatedWaitMinutes: Nullable(Type.Integer()),
  transferredFrom: Nullable(Type.String()),
  recalls: Type.Integer(),
});

export const Clerk = Type.Object({ id: Type.String(), name: Type.String(), staffNo: Nullable(Type.String()) });

export const Window = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  name: Type.String(),
  areaIds: Type.Array(Type.String()),
  status: Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('paused')]),
  clerk: Nullable(Clerk),
  ticket: Nullable(Ticket),
  pauseReason: Nullable(Type.String()),
});

export const Board = Type.Object({
  hallId: Type.String(),
  hallName: Type.String(),
  day: Type.String(),
  version: Type.Integer(),
  now: Type.String(),
  session: Type.Object({
    kind: Type.Union([Type.Literal('regular'), Type.Literal('night'), Type.Literal('morning'), Type.Literal('closed')]),
    start: Nullable(Type.String()),
    end: Nullable(Type.String()),
    extended: Type.Boolean(),
  }),
  areas: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      prefix: Type.String(),
      waiting: Type.Integer(),
      longestWaitSeconds: Type.Integer(),
      openWindows: Type.Integer(),
    }),
  ),
  windows: Type.Array(Window),
  recentCalls: Type.Array(
    Type.Object({ ticketId: Type.String(), number: Type.String(), windowId: Type.String(), windowNumber: Type.Integer(), at: Type.String() }),
  ),
  notices: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
});

/** Events are many shapes; they pass through as they were stored. */
export const AnyEvent = Type.Object({ type: Type.String(), version: Type.Integer() }, { additionalProperties: true });

export const TicketBody = Type.Object({ ticket: Ticket });
export const MaybeTicketBody = Type.Object({ ticket: Nullable(Ticket) });
export const WindowBody = Type.Object({ window: Window });

/** Standard error responses, so every route documents them. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  422: ErrorBody,
  429: ErrorBody,
  503: ErrorBody,
};

// Compile-time: the schemas describe exactly the domain's views.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTicket: Same<Static<typeof Ticket>, TicketView> = true;
const sameWindow: Same<Static<typeof Window>, WindowView> = true;
const sameBoard: Same<Static<typeof Board>, BoardView> = true;
void sameTicket;
void sameWindow;
void sameBoard;
