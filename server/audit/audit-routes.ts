/**
 * `GET /api/v1/audit`: the audit trail, newest first, for the audit administrator alone — not the
 * system administrator, whose own changes are in it (三员分立).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuditRecord } from '../domain/audit-record';
import { AuditQuery, AuditResponse } from '../http/schemas/audit';
import { errorResponses } from '../http/schemas/common';
import type { AuditTrail } from './audit-trail';

/** Records looked at per request when filtering by kind: a page is found without reading 180 days. */
const SCAN_MAX = 5000;
const SCAN_PAGE = 500;

const view = (r: AuditRecord) => ({ ...r, at: new Date(r.at).toISOString() });

const auditRoutes: FastifyPluginAsyncTypebox<{ trail: AuditTrail }> = async (app, { trail }) => {
  app.get(
    '/audit',
    {
      onRequest: app.authorize({ roles: ['audit_admin'], exclusive: true }),
      schema: {
        summary: '审计记录 · The audit trail, newest first',
        description:
          'Sign-ins (and refused ones, with the address), password changes, every change by an administrator, every read of personal data and every refused privileged request, each record chained to the one before by its hash. Page with `before=next`.',
        tags: ['audit'],
        querystring: AuditQuery,
        response: { 200: AuditResponse, ...errorResponses },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 100;
      const kind = request.query.kind;
      const found: AuditRecord[] = [];
      let before = request.query.before;
      let scanned = 0;
      let more = true;
      while (found.length < limit && scanned < SCAN_MAX) {
        const page = await trail.read({ ...(before !== undefined ? { before } : {}), limit: kind ? SCAN_PAGE : limit - found.length, newestFirst: true });
        if (page.length === 0) {
          more = false;
          break;
        }
        scanned += page.length;
        for (const r of page) {
          before = r.seq;
          if (!kind || r.kind === kind) found.push(r);
          if (found.length === limit) break;
        }
      }
      const next = more && before !== undefined && before > 1 ? before : null;
      return { records: found.map(view), next };
    },
  );
};

export default auditRoutes;
