/**
 * Serves the built pages (`npm run build`) at their paths (`page-paths.ts`), and their assets. A page
 * that was not built answers 503 with what to do, rather than a blank screen. Pages are not part of
 * the API, so the OpenAPI document leaves them out.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PAGES, WEB_DIST } from './page-paths';

export default fp(
  async function pages(app: FastifyInstance, opts: { root?: string }) {
    const root = resolve(opts.root ?? WEB_DIST);
    await app.register(fastifyStatic, { root, prefix: '/', index: false, wildcard: false, serve: false, cacheControl: false });
    // Hashed asset files never change, so browsers may keep them.
    app.get<{ Params: { '*': string } }>('/assets/*', { schema: { hide: true } }, (request, reply) => {
      const file = request.params['*'];
      return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(`assets/${file}`);
    });
    for (const page of PAGES) {
      app.get(page.path, { schema: { hide: true } }, (_request, reply) => {
        if (!existsSync(resolve(root, page.file))) {
          return reply.code(503).type('text/plain; charset=utf-8').send(`页面未构建 (${page.file}): run npm run build`);
        }
        return reply.header('cache-control', 'no-cache').sendFile(page.file);
      });
    }
  },
  { name: 'qms-pages' },
);
