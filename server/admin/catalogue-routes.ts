/**
 * A hall's service catalogue for its administrators: read it, import a CSV or XLSX file (a dry run
 * shows what would be added, changed and disabled, and every problem by line and column), and edit
 * one item. Every write is compare-and-set on the version read, so two imports cannot interleave.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CatalogueFileError } from '../catalogue/catalogue-file';
import { readCatalogueFileOffThread } from '../catalogue/catalogue-file-thread';
import { CATALOGUE_ALIASES_MAX, catalogueFromAreas, diffCatalogue, type CatalogueDiff, type CatalogueItem } from '../domain/catalogue';
import { DomainError } from '../domain/errors';
import { errorResponses, HallParams } from '../http/schemas/common';
import { catalogueKey } from './catalogue-store';
import {
  CatalogueItemParams,
  CatalogueItemPatch,
  CatalogueItemResponse,
  CatalogueResponse,
  ImportBody,
  ImportHeaders,
  ImportQuery,
  ImportResult,
  RestoreBody,
  RestoreResult,
} from './catalogue-schemas';
import { documentAt } from './config-history';

const tags = ['catalogue'];

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Yuxi's 1,503 items are ~130 KB as CSV and ~50 KB as XLSX; 5 MB leaves room for long names and aliases. */
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

/** The problems in words for a refusal: `line 3 name: missing_name ("")`. */
function problemsText(problems: CatalogueDiff['problems']): string {
  const shown = problems.slice(0, 20).map((p) => `line ${p.line} ${p.field}: ${p.code} (${JSON.stringify(p.value)})`);
  return shown.join('; ') + (problems.length > shown.length ? `; … ${problems.length - shown.length} more` : '');
}

const catalogueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // This plugin is encapsulated: the file types are taken by these routes only.
  for (const type of [CSV_TYPE, XLSX_TYPE]) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));
  }
  const manager = app.authorize({ roles: ['manager'] });
  const catalogueOf = async (hallId: string) => {
    const hall = app.qms.service.hall(hallId);
    // A hall added a moment ago may not have its catalogue on this node yet.
    if (hall && !app.qms.catalogue.get(hallId)) await app.qms.catalogue.adopt(hall);
    const current = app.qms.catalogue.get(hallId);
    if (!current) throw new DomainError('hall_not_found', `no catalogue for hall ${hallId}`);
    return current;
  };

  app.get(
    '/admin/halls/:hallId/catalogue',
    {
      onRequest: manager,
      schema: {
        summary: '事项目录 · The service catalogue of a hall, with its version',
        tags,
        params: HallParams,
        response: { 200: CatalogueResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { version, items } = await catalogueOf(request.params.hallId);
      return { version, items: [...items] };
    },
  );

  app.post(
    '/admin/halls/:hallId/catalogue/import',
    {
      onRequest: manager,
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        summary: '导入事项目录 · Import the catalogue from CSV or XLSX (dryRun=1 only compares)',
        description:
          "Header row `code,name,area,department,aliases` (or 事项编码,事项名称,区域,部门,别名); aliases separated by `;`/`、`. By default (`mode=merge`) the listed items are added or updated and every other item stays as it is; `mode=replace` also disables (never deletes) the items the file does not list. With any problem nothing is applied (400 catalogue_problems). `If-Match: <version>` (the version a dry run answered) refuses with 409 version_conflict when the catalogue changed since. The answer's `previousVersion` undoes the import through `POST …/catalogue/restore`.",
        tags,
        params: HallParams,
        querystring: ImportQuery,
        headers: ImportHeaders,
        body: ImportBody,
        response: { 200: ImportResult, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) throw new DomainError('invalid_request', `body: send the file as ${CSV_TYPE} or ${XLSX_TYPE}`, { field: 'body' });
      const { version, items } = await catalogueOf(hallId);
      // The version the caller's dry run compared against: someone else's import since makes it stale.
      const seen = request.headers['if-match'];
      if (seen !== undefined && Number(seen.replace(/\D/g, '')) !== version) {
        throw new DomainError('version_conflict', `the catalogue is at version ${version}, not ${seen}`);
      }
      let rows;
      try {
        rows = await readCatalogueFileOffThread(body);
      } catch (err) {
        if (err instanceof CatalogueFileError) throw new DomainError('bad_catalogue_file', err.message);
        throw err;
      }
      const hall = app.qms.service.hall(hallId)!;
      const mode = request.query.mode ?? 'merge';
      const diff = diffCatalogue(items, rows, hall.areas, mode);
      const answer = (applied: boolean, at: number) => ({
        applied,
        version: at,
        previousVersion: version,
        mode,
        counts: { added: diff.added.length, changed: diff.changed.length, disabled: diff.disabled.length, problems: diff.problems.length },
        added: diff.added,
        changed: diff.changed,
        disabled: diff.disabled,
        problems: diff.problems,
      });
      const { dryRun } = request.query;
      if (dryRun === '1' || dryRun === 'true') return answer(false, version);
      if (diff.problems.length > 0) throw new DomainError('catalogue_problems', problemsText(diff.problems));
      const next = await app.qms.catalogue.write(hallId, version, diff.next, { by: request.user.sub, at: app.qms.clock.now() });
      request.log.info(
        { hallId, version: next, mode, added: diff.added.length, changed: diff.changed.length, disabled: diff.disabled.length },
        'catalogue imported',
      );
      return answer(true, next);
    },
  );

  app.post(
    '/admin/halls/:hallId/catalogue/restore',
    {
      onRequest: manager,
      schema: {
        summary: '恢复事项目录 · Bring back an earlier version of the catalogue (undo an import)',
        description:
          "Writes the items of `version` (from the change history) as a new version: the history keeps the import and its undoing. `If-Match: <version>` (the version the caller saw, e.g. the import's answer) refuses with 409 version_conflict when the catalogue changed since; a version the history does not hold answers 404 not_found.",
        tags,
        params: HallParams,
        headers: ImportHeaders,
        body: RestoreBody,
        response: { 200: RestoreResult, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const { version, items: now } = await catalogueOf(hallId);
      const seen = request.headers['if-match'];
      if (seen !== undefined && Number(seen.replace(/\D/g, '')) !== version) {
        throw new DomainError('version_conflict', `the catalogue is at version ${version}, not ${seen}`);
      }
      const wanted = request.body.version;
      let items: CatalogueItem[];
      if (wanted === version) {
        items = [...now];
      } else if (wanted === 0) {
        // Version 0 is never stored: a hall's configured services until its first write.
        items = catalogueFromAreas(app.qms.service.hall(hallId)!.areas);
      } else {
        const text = wanted < version ? await documentAt(app.qms.store, catalogueKey(hallId), wanted) : null;
        if (text === null) throw new DomainError('not_found', `version: the history holds no catalogue version ${wanted}`, { field: 'version' });
        items = JSON.parse(text) as CatalogueItem[];
      }
      const written = await app.qms.catalogue.write(hallId, version, items, { by: request.user.sub, at: app.qms.clock.now() });
      request.log.info({ hallId, version: written, restored: wanted }, 'catalogue restored');
      return { version: written, restored: wanted, items };
    },
  );

  app.patch(
    '/admin/halls/:hallId/catalogue/:code',
    {
      onRequest: manager,
      schema: {
        summary: '修改事项 · Edit one catalogue item (enable, disable, rename, aliases, area)',
        tags,
        params: CatalogueItemParams,
        body: CatalogueItemPatch,
        response: { 200: CatalogueItemResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, code } = request.params;
      const patch = request.body;
      const { version, items } = await catalogueOf(hallId);
      const at = items.findIndex((i) => i.code === code);
      if (at < 0) throw new DomainError('not_found', `no item ${code} in the catalogue`);
      if (patch.areaId !== undefined && !app.qms.service.hall(hallId)!.areas.some((a) => a.id === patch.areaId)) {
        throw new DomainError('invalid_request', `areaId: no area ${patch.areaId} in this hall`, { field: 'areaId' });
      }
      const aliases = patch.aliases?.map((a) => a.trim()).filter((a, i, all) => a !== '' && all.indexOf(a) === i);
      if (aliases && aliases.length > CATALOGUE_ALIASES_MAX)
        throw new DomainError('invalid_request', `aliases: at most ${CATALOGUE_ALIASES_MAX}`, { field: 'aliases' });
      const item: CatalogueItem = {
        ...items[at]!,
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(aliases ? { aliases } : {}),
        ...(patch.department !== undefined ? { department: patch.department?.trim() || null } : {}),
        ...(patch.areaId !== undefined ? { areaId: patch.areaId } : {}),
      };
      const next = items.map((i, j) => (j === at ? item : i));
      const written = await app.qms.catalogue.write(hallId, version, next, { by: request.user.sub, at: app.qms.clock.now() });
      return { version: written, item };
    },
  );
};

export default catalogueRoutes;
