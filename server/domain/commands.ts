/**
 * Commands: what people and devices ask the hall to do. `decide.ts` turns a command into events or
 * refuses it with a `DomainError`.
 */
import type { ClerkRef, Priority } from './types';
import type { IdentityVia } from './identity-input';

/** The reasons a citizen may give with a rating (their words are in the message table). */
export const RATING_TAGS = ['long_wait', 'attitude', 'slow', 'unclear_requirements', 'other'] as const;

export type Command =
  | {
      type: 'issue-ticket';
      areaId?: string;
      serviceId?: string;
      priority?: Priority;
      appointmentCode?: string;
      /** 需要帮办, asked at the kiosk */ assistance?: boolean;
      /** 一件事一次办: a bundle instead of an area or service */ journeyId?: string;
      /** 实名取号: the holder's keyed hash (the route checks and hashes the number); alone, it checks in today's appointment booked with it. */
      identity?: { tag: string; via: IdentityVia };
      /** Staff only: issue although a per-person limit is reached (帮办), with why. */
      identityOverride?: { reason: string };
    }
  | {
      type: 'book-appointment';
      areaId?: string;
      serviceId?: string;
      date: string;
      start: string;
      phone?: string;
      /** Booked with an ID number: its keyed hash for the hall and `date`. */ identityTag?: string;
    }
  | { type: 'cancel-appointment'; code: string }
  /** Closes a finished day: tickets still open are cancelled, unused appointments counted as missed. */
  | { type: 'close-day' }
  | { type: 'sign-in'; windowId: string; clerk: ClerkRef }
  | { type: 'sign-out'; windowId: string }
  | { type: 'call-next'; windowId: string }
  | { type: 'call-number'; windowId: string; number: string }
  | { type: 'recall'; windowId: string }
  | { type: 'start'; windowId: string }
  /** `caseNumber`: the 办件编号 the clerk entered, if any (`case-number.ts`). */
  | { type: 'complete'; windowId: string; caseNumber?: string }
  | { type: 'no-show'; windowId: string }
  /** Takes back a no-show marked by mistake at this window, shortly after (`no-show.ts`). */
  | { type: 'undo-no-show'; windowId: string; ticketId: string }
  /** 过号重排: a no-show re-joins its area's queue with its number (`requeue.ts`). */
  | { type: 'requeue'; ticketId: string }
  /** 需要帮办: staff flag a ticket as needing help (a clerk only for their window's current ticket). */
  | { type: 'request-assistance'; ticketId: string; note?: string }
  /** A manager names the staff member who helps with a flagged ticket. */
  | { type: 'assign-assistance'; ticketId: string; staffId: string }
  | { type: 'transfer'; windowId: string; areaId: string }
  /** 挂起: the window's citizen steps away (补材料); the window may call others meanwhile. */
  | { type: 'park'; windowId: string; reason?: string }
  | { type: 'resume-parked'; windowId: string; ticketId: string }
  | { type: 'pause'; windowId: string; reason?: string }
  | { type: 'resume'; windowId: string }
  | {
      type: 'rate';
      ticketId: string;
      score: number;
      tags?: string[];
      comment?: string;
      /** Masked contact phone (a bad rating only). */ contactMasked?: string;
    }
  | { type: 'record-print'; ticketId: string; deviceId: string; printer: string; ok: boolean; error?: string; reprint?: boolean }
  | { type: 'set-window-areas'; windowId: string; areaIds: string[] }
  | { type: 'extend-hours'; until: string }
  | { type: 'follow-up-rating'; ticketId: string; ticketDay: string; number: string; note: string; resolved: boolean }
  | { type: 'post-notice'; text: string }
  | { type: 'remove-notice'; noticeId: string };
