/**
 * 好差评 at the counter: the rating pad's prompt (who serves at its window, and the ticket waiting for
 * its rating — asked again after a reload), rating a ticket (a bad one may leave a comment and a
 * contact phone for the 回访), and a manager reading that phone in full to call back.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { maskPhone } from '../../domain/appointments';
import { DomainError } from '../../domain/errors';
import { compactPhone } from '../../domain/phone-number';
import { ratingPrompt, takesContact } from '../../domain/rating-prompt';
import type { RatingContacts } from '../../notify/rating-contacts';
import { runCommand } from '../command';
import { Clerk, Day, errorResponses, Nullable, TicketParams, WindowParams } from '../schemas/common';
import { RatingRequest, RatingResponse } from '../schemas/tickets';

const tags = ['tickets'];

export const RatingPromptSchema = Type.Object({
  windowId: Type.String(),
  windowNumber: Type.Integer(),
  /** Who serves at the window (name and 工号, as 好差评 asks the pad to show); null: nobody signed in. */
  clerk: Nullable(Clerk),
  /** The latest ticket completed at the window and not yet rated, while it may still be rated. */
  pending: Nullable(Type.Object({ ticketId: Type.String(), number: Type.String(), msLeft: Type.Integer({ description: 'How long the pad may still ask' }) })),
  contact: Type.Boolean({ description: 'Whether a bad rating may leave a contact phone (the server keeps numbers only with QMS_DATA_KEY)' }),
});

export const ContactQuery = Type.Object({ day: Day }, { additionalProperties: false });
export const ContactResponse = Type.Object({ contact: Nullable(Type.String({ description: 'The number in full; null: none left, or no longer kept' })) });

const ratingRoutes: FastifyPluginAsyncTypebox<{ contacts: RatingContacts }> = async (app, { contacts }) => {
  app.get(
    '/halls/:hallId/windows/:windowId/rating-prompt',
    {
      onRequest: app.authorize({ roles: ['rating', 'manager'] }),
      schema: {
        summary: '评价器提示 · What the rating pad at a window shows: the clerk, and the ticket waiting for its rating',
        description: 'The pad asks on start, after a reload and after each event at its window. Refusal: 404 `window_not_found`.',
        tags,
        params: WindowParams,
        response: { 200: RatingPromptSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, windowId } = request.params;
      const prompt = await app.qms.service.query(hallId, (state, now) => ratingPrompt(state, windowId, now));
      if (!prompt) throw new DomainError('window_not_found', `no window ${windowId}`);
      return { ...prompt, pending: prompt.pending && { ...prompt.pending, msLeft: Math.round(prompt.pending.msLeft) }, contact: contacts.enabled };
    },
  );

  app.post(
    '/halls/:hallId/tickets/:ticketId/rating',
    {
      onRequest: app.authorize({ roles: ['rating', 'manager'] }),
      schema: {
        summary: '服务评价（好差评） · Rate a completed ticket',
        description:
          'A bad rating (1–2) may carry a comment and a contact phone for the 回访. Refusals: 400 `invalid_request` (a contact with a good score); ' +
          '409 `not_completed`, `already_rated`, `notifications_off` (a contact, but no QMS_DATA_KEY to keep it sealed).',
        tags,
        params: TicketParams,
        body: RatingRequest,
        response: { 201: RatingResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId, ticketId } = request.params;
      const body = request.body;
      const phone = body.contact === undefined || body.contact.trim() === '' ? null : compactPhone(body.contact).replace(/^\+?86/, '');
      if (phone !== null && !takesContact(body.score)) throw new DomainError('invalid_request', 'contact: only with a bad rating', { field: 'contact' });
      if (phone !== null && !contacts.enabled) throw new DomainError('notifications_off', 'set QMS_DATA_KEY to keep contact numbers with ratings');
      const rated = await runCommand(
        app,
        request,
        hallId,
        { type: 'rate', ticketId, score: body.score, tags: body.tags, comment: body.comment, ...(phone !== null ? { contactMasked: maskPhone(phone) } : {}) },
        (state) => ({ day: state.day, calendar: state.config.calendar }),
      );
      if (phone !== null) await contacts.keep(hallId, rated.day, ticketId, phone, rated.calendar);
      reply.code(201);
      return { rating: { ticketId, score: body.score, tags: body.tags ?? [] } };
    },
  );

  app.get(
    '/halls/:hallId/ratings/:ticketId/contact',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      config: { personalData: true },
      schema: {
        summary: '回访联系电话 · The contact phone of a bad rating, in full, to call back',
        description:
          'Lists show the number masked; this reads it in full (the read is logged). Kept until the matter is put right, or 30 days after the follow-up was due.',
        tags: ['manager'],
        params: TicketParams,
        querystring: ContactQuery,
        response: { 200: ContactResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, ticketId } = request.params;
      const contact = await contacts.reveal(hallId, request.query.day, ticketId);
      request.log.info({ hallId, ticketId, day: request.query.day, by: request.user.sub, found: contact !== null }, 'rating contact read');
      return { contact };
    },
  );
};

export default ratingRoutes;
