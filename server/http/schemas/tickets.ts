/** Tickets on the wire: the ticket itself, what issuing and printing answer, ratings and announcements. */
import { Type, type Static } from 'typebox';
import { RATING_TAGS } from '../../domain/commands';
import { CHINA_MOBILE_PATTERN } from '../../domain/phone-number';
import { QR_PAYLOAD_MAX } from '../../domain/social-security-qr';
import type { PublicTicketView, TicketView } from '../../domain/views';
import { AnyEvent, IdParam, Nullable, Priority, type Same } from './common';

export const TicketStatus = Type.Union([
  Type.Literal('waiting'),
  Type.Literal('called'),
  Type.Literal('serving'),
  Type.Literal('done'),
  Type.Literal('no_show'),
  Type.Literal('transferred'),
  Type.Literal('cancelled'),
  Type.Literal('parked'),
]);

/** 一件事一次办: the bundle, the step the citizen is at (1-based: 第{step}步/共{steps.length}步) and every step. */
export const TicketJourney = Type.Object({
  id: Type.String(),
  name: Type.String(),
  step: Type.Integer({ minimum: 1 }),
  steps: Type.Array(Type.Object({ areaId: Type.String(), serviceId: Nullable(Type.String()) })),
});

export const Ticket = Type.Object({
  id: Type.String(),
  number: Type.String(),
  hallId: Type.String(),
  areaId: Type.String(),
  serviceId: Nullable(Type.String()),
  priority: Priority,
  status: TicketStatus,
  issuedAt: Type.String(),
  calledAt: Nullable(Type.String()),
  startedAt: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  windowId: Nullable(Type.String()),
  ahead: Nullable(Type.Integer()),
  estimatedWaitMinutes: Nullable(Type.Integer()),
  transferredFrom: Nullable(Type.String()),
  recalls: Type.Integer(),
  assistance: Nullable(Type.Object({ requestedBy: Nullable(Type.String()), note: Nullable(Type.String()), assignedTo: Nullable(Type.String()) })),
  journey: Nullable(TicketJourney),
  identified: Type.Boolean({ description: '实名取号 · Taken by ID (the masked number: `GET /halls/:hallId/tickets/:ticketId/identity`)' }),
});

export const TicketBody = Type.Object({ ticket: Ticket });

/** A ticket as its holder sees it by credential: its own figures, never its id (`PublicTicketView`). */
export const PublicTicket = Type.Object({
  number: Type.String(),
  hallId: Type.String(),
  day: Type.String(),
  areaId: Type.String(),
  serviceId: Nullable(Type.String()),
  priority: Priority,
  status: TicketStatus,
  issuedAt: Type.String(),
  calledAt: Nullable(Type.String()),
  startedAt: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  windowId: Nullable(Type.String()),
  window: Nullable(Type.Object({ number: Type.Integer(), name: Type.String() })),
  ahead: Nullable(Type.Integer()),
  estimatedWaitMinutes: Nullable(Type.Integer()),
  transferredFrom: Nullable(Type.String()),
  recalls: Type.Integer(),
  journey: Nullable(TicketJourney),
  version: Type.Integer(),
  ended: Type.Optional(
    Type.Union([Type.Literal('done'), Type.Literal('no_show'), Type.Literal('cancelled'), Type.Literal('day_end')], {
      description:
        '只在往日号票出现 · Only for a ticket of an earlier day (`day`): how it ended — served, missed, cancelled, or the day ended before it was served',
    }),
  ),
});
export const PublicTicketBody = Type.Object({ ticket: PublicTicket });
export const MaybeTicketBody = Type.Object({ ticket: Nullable(Ticket) });

/** What the kiosk read or was given: never logged, never stored; checked, hashed and masked by the server. */
export const IdentityInput = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: QR_PAYLOAD_MAX, description: '18-digit 公民身份号码, or an 电子社保卡 QR payload as the decoder gives it' }),
    name: Type.Optional(Type.String({ maxLength: 40, description: 'The name a card reader service answered' })),
    via: Type.Union([Type.Literal('card'), Type.Literal('qr'), Type.Literal('typed'), Type.Literal('reader')]),
  },
  { additionalProperties: false },
);

export const IssueRequest = Type.Object(
  {
    areaId: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    serviceId: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    priority: Type.Optional(Priority),
    appointmentCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    /** 需要帮办: the citizen asks for a helper as the ticket is issued. */
    assistance: Type.Optional(Type.Boolean()),
    /** 一件事一次办: a bundle of the hall (`GET /halls/:hallId` lists them), instead of areaId/serviceId. */
    journeyId: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /** 实名取号 (docs/identity.md): alone, it checks in today's appointment booked with this ID. */
    identity: Type.Optional(IdentityInput),
    identityOverride: Type.Optional(
      Type.Object(
        { reason: Type.String({ minLength: 1, maxLength: 200, description: '帮办 case: why staff lift the per-person limit (kept in the event log)' }) },
        { additionalProperties: false, description: 'Staff only: issue although a per-person limit is reached' },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The masked ID number and name kept for a ticket taken by ID (for the clerk's screen). */
export const TicketIdentityBody = Type.Object({ identity: Nullable(Type.Object({ masked: Type.String(), name: Nullable(Type.String()) })) });

export const AssistanceRequest = Type.Object({ note: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
export const AssistanceAssignRequest = Type.Object({ staffId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

/** Whether the kiosk's printer printed the ticket; `none` when nothing was to be printed. */
export const PrintOutcome = Type.Object({
  status: Type.Union([Type.Literal('printed'), Type.Literal('failed'), Type.Literal('none')]),
  error: Type.Optional(Type.String()),
});

export const IssueResponse = Type.Object({
  ticket: Ticket,
  print: PrintOutcome,
  /** The tracking page the ticket's QR code leads to (what the kiosk shows on screen). */
  ticketUrl: Type.String(),
});

export const ReprintRequest = Type.Object({ deviceId: Type.Optional(IdParam) }, { additionalProperties: false });
export const ReprintResponse = Type.Object({ ticket: Ticket, print: PrintOutcome });

export const PreviewQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) });

export const TicketEvents = Type.Object({ events: Type.Array(AnyEvent) });

export const RatingTag = Type.Enum(RATING_TAGS);

export const RatingRequest = Type.Object(
  {
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    tags: Type.Optional(Type.Array(RatingTag, { maxItems: RATING_TAGS.length })),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    contact: Type.Optional(
      Type.String({
        pattern: CHINA_MOBILE_PATTERN,
        maxLength: 20,
        description:
          'A bad rating only: a mainland mobile number for the 回访 call-back. Kept sealed (needs QMS_DATA_KEY, else 409 `notifications_off`); lists show it masked.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const RatingResponse = Type.Object({ rating: Type.Object({ ticketId: Type.String(), score: Type.Integer(), tags: Type.Array(Type.String()) }) });

const AnnouncementPart = Type.Object({ locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]), text: Type.String(), speech: Type.String() });

/** What is said for a ticket's latest call, in words and as the speech engine reads it. */
export const Announcement = Type.Object({
  number: Type.String(),
  windowNumber: Type.Integer(),
  zone: Type.String(),
  text: Type.String(),
  speech: Type.String(),
  parts: Type.Array(AnnouncementPart),
});

// Compile-time: the schema describes exactly the domain's view.
const sameTicket: Same<Static<typeof Ticket>, TicketView> = true;
void sameTicket;
const samePublicTicket: Same<Static<typeof PublicTicket>, PublicTicketView> = true;
void samePublicTicket;
