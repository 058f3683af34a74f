/** Answers written in the report thread: sent as the bytes it made, gzipped when the client takes it. */
import type { FastifyReply } from 'fastify';

/**
 * Sends bytes made elsewhere as they are (no copy, no serializer): the reply widened from the
 * schema's answer type, which describes what those bytes hold.
 */
export function sendBytes(reply: FastifyReply, type: string, bytes: Uint8Array, gzip: boolean): FastifyReply {
  reply.header('vary', 'accept-encoding');
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply.type(type).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Whether the client takes a gzipped answer. */
export const takesGzip = (acceptEncoding: string | undefined): boolean =>
  /(^|[\s,])gzip(\s*;\s*q=(?!0(\.0*)?\s*($|,))[\d.]+)?\s*($|,)/i.test(acceptEncoding ?? '');
