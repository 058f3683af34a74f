/** Windows and the hall's board on the wire: what the wall, the window displays and the counters show. */
import { Type, type Static } from 'typebox';
import type { BoardView, WindowView } from '../../domain/views';
import { Clerk, Notice, Nullable, SessionTimes, WindowStatus, type Same } from './common';
import { Ticket } from './tickets';
import { NOTICE_MAX_LENGTH } from '../../domain/notice-rules';

export const Window = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  name: Type.String(),
  areaIds: Type.Array(Type.String()),
  status: WindowStatus,
  clerk: Nullable(Clerk),
  ticket: Nullable(Ticket),
  pauseReason: Nullable(Type.String()),
  parked: Type.Array(Type.Object({ id: Type.String(), number: Type.String(), reason: Nullable(Type.String()), parkedAt: Type.String() })),
  /** 本窗口过号, newest first: until when each may be undone (mis-marked) or re-queued (过号重排); null: no longer. */
  missed: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.String(),
      noShowAt: Type.String(),
      undoUntil: Nullable(Type.String()),
      requeueUntil: Nullable(Type.String()),
    }),
  ),
});

export const WindowBody = Type.Object({ window: Window });

/** What every live view of a hall opens with: which hall, which day, as of which event, and when. */
export const hallMomentFields = {
  hallId: Type.String(),
  hallName: Type.String(),
  day: Type.String(),
  version: Type.Integer(),
  now: Type.String(),
};

/** An area's queue as the board shows it; the manager's overview adds to it. */
export const areaQueueFields = {
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  waiting: Type.Integer(),
  longestWaitSeconds: Type.Integer(),
  openWindows: Type.Integer(),
};

export const Board = Type.Object({
  ...hallMomentFields,
  session: SessionTimes,
  areas: Type.Array(
    Type.Object({
      ...areaQueueFields,
      next: Type.Array(Type.String(), {
        maxItems: 3,
        description: "请准备：本区域接下来将被呼叫的前几个号码（按叫号顺序）· The area's next numbers to be called, in order",
      }),
    }),
  ),
  windows: Type.Array(Window),
  recentCalls: Type.Array(
    Type.Object({ ticketId: Type.String(), number: Type.String(), windowId: Type.String(), windowNumber: Type.Integer(), at: Type.String() }),
  ),
  notices: Type.Array(Notice),
});

export const NoticeRequest = Type.Object({ text: Type.String({ minLength: 1, maxLength: NOTICE_MAX_LENGTH }) }, { additionalProperties: false });
export const NoticeResponse = Type.Object({ notice: Notice });
export const NoticeRemoved = Type.Object({ removed: Type.String() });

// Compile-time: the schemas describe exactly the domain's views.
const sameWindow: Same<Static<typeof Window>, WindowView> = true;
const sameBoard: Same<Static<typeof Board>, BoardView> = true;
void sameWindow;
void sameBoard;
