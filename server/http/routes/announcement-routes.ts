/**
 * What is said for a ticket's latest call: the words (`{text, speech}`) and the sound
 * (`announcement.wav`, chime first) for wall boards and phones that play it.
 *
 * Public, like the ticket view: the unguessable ticket id is the secret, and what is said is already
 * on the hall's wall board and in its air. Public also lets a plain `<audio src>` play it (an element
 * cannot send a bearer token) and a citizen's phone replay its own call. Synthesis cost is bounded:
 * only called tickets have audio, and each call is synthesised once.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { VoiceService } from '../../voice/voice-service';
import { errorResponses, TicketParams } from '../schemas';

const Locale = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
const Part = Type.Object({ locale: Locale, text: Type.String(), speech: Type.String() });

const AnnouncementBody = Type.Object({
  ticketId: Type.String(),
  number: Type.String(),
  windowNumber: Type.Integer(),
  zone: Type.String(),
  text: Type.String(),
  speech: Type.String(),
  parts: Type.Array(Part),
});

const announcementRoutes: FastifyPluginAsync<{ voice: VoiceService }> = async (app, { voice }) => {
  app.get(
    '/halls/:hallId/tickets/:ticketId/announcement',
    { schema: { params: TicketParams, response: { 200: AnnouncementBody, ...errorResponses } } },
    async (request) => {
      const { hallId, ticketId } = request.params as { hallId: string; ticketId: string };
      const { announcement: a } = await voice.latest(hallId, ticketId);
      return { ticketId, number: a.number, windowNumber: a.windowNumber, zone: a.zone, text: a.text, speech: a.speech, parts: a.parts };
    },
  );

  app.get(
    '/halls/:hallId/tickets/:ticketId/announcement.wav',
    // No response schema: the body is bytes, and errors take the one shape from the error handler anyway.
    { schema: { params: TicketParams } },
    async (request, reply) => {
      const { hallId, ticketId } = request.params as { hallId: string; ticketId: string };
      const { wav, etag } = await voice.wav(hallId, ticketId);
      // The same URL says something new when the ticket is called again elsewhere: revalidate every time.
      reply.header('cache-control', 'no-cache').header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('audio/wav').header('content-length', wav.length).send(wav);
    },
  );
};

export default announcementRoutes;
