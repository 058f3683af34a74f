/**
 * What is said for a ticket's latest call: the words (`{text, speech}`) and the sound
 * (`announcement.wav`, chime first) for wall boards and phones that play it.
 *
 * Public, like the ticket view: the path names the ticket by its credential (the secret of its QR
 * code), or by its id for a token of the hall (the wall board plays calls by the id in the event);
 * what is said is already on the hall's wall board and in its air. Public also lets a plain
 * `<audio src>` play it (an element cannot send a bearer token) and a citizen's phone replay its own
 * call. Synthesis cost is bounded: only called tickets have audio, each call is synthesised once,
 * and reads without a token are limited per address (`public-ticket.ts`). The answer never names
 * the ticket's id.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { VoiceService } from '../../voice/voice-service';
import { errorResponses, TicketParams } from '../schemas/common';
import { publicTicketId, PUBLIC_TICKET_SECURITY } from '../public-ticket';
import { Announcement } from '../schemas/tickets';

const tags = ['announcements'];
const PATH_NAMES = "`ticketId`: the ticket's credential (its QR code); with a token of the hall, its id.";

const announcementRoutes: FastifyPluginAsyncTypebox<{ voice: VoiceService }> = async (app, { voice }) => {
  app.get(
    '/halls/:hallId/tickets/:ticketId/announcement',
    {
      schema: {
        summary: "叫号播报词 · What is said for the ticket's latest call",
        description: PATH_NAMES,
        tags,
        security: PUBLIC_TICKET_SECURITY,
        params: TicketParams,
        response: { 200: Announcement, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const ticketId = await publicTicketId(app, request, hallId, request.params.ticketId);
      const { announcement: a } = await voice.latest(hallId, ticketId);
      return { number: a.number, windowNumber: a.windowNumber, zone: a.zone, text: a.text, speech: a.speech, parts: a.parts };
    },
  );

  app.get(
    '/halls/:hallId/tickets/:ticketId/announcement.wav',
    {
      schema: {
        summary: '叫号播报音频 · The latest call as sound (chime first)',
        description: PATH_NAMES,
        tags,
        security: PUBLIC_TICKET_SECURITY,
        params: TicketParams,
        response: {
          200: {
            description: 'WAV audio; revalidate with If-None-Match',
            content: { 'audio/wav': { schema: Type.Unsafe<Buffer>({ type: 'string', contentMediaType: 'audio/wav' }) } },
          },
          // No content: a 304 has no body.
          304: { description: '未变化 · Not modified since the ETag sent' },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      const ticketId = await publicTicketId(app, request, hallId, request.params.ticketId);
      const { wav, etag } = await voice.wav(hallId, ticketId);
      // The same URL says something new when the ticket is called again elsewhere: revalidate every time.
      reply.header('cache-control', 'no-cache').header('etag', etag);
      // No body: no body type or length either (a 304 says only that the copy held is current).
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('audio/wav').header('content-length', wav.length).send(wav);
    },
  );
};

export default announcementRoutes;
