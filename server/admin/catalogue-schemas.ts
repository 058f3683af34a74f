/**
 * The catalogue on the wire: its items, an import's outcome (what would be or was added, changed,
 * disabled, and every problem with its line and column), and a single item's edit.
 */
import { Type, type Static } from 'typebox';
import type { CatalogueItem as DomainItem, CatalogueProblem as DomainProblem } from '../domain/catalogue';
import { IdParam, Nullable, type Same } from '../http/schemas/common';

export const CatalogueItem = Type.Object({
  code: Type.String({ description: '事项编码 · The national item code' }),
  name: Type.String(),
  areaId: Type.String(),
  department: Nullable(Type.String()),
  aliases: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  materials: Type.Optional(Type.Array(Type.String(), { description: '材料清单 · What a citizen brings for the item' })),
});

export const CatalogueResponse = Type.Object({ version: Type.Integer(), items: Type.Array(CatalogueItem) });

export const CatalogueProblem = Type.Object({
  line: Type.Integer({ description: 'The line of the file (the header is line 1)' }),
  code: Type.Union([
    Type.Literal('missing_code'),
    Type.Literal('bad_code'),
    Type.Literal('missing_name'),
    Type.Literal('name_too_long'),
    Type.Literal('unknown_area'),
    Type.Literal('duplicate_code'),
    Type.Literal('too_many_aliases'),
  ]),
  field: Type.Union([Type.Literal('code'), Type.Literal('name'), Type.Literal('area'), Type.Literal('aliases')], { description: 'The column' }),
  value: Type.String(),
});

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(
    Type.Union([Type.Literal('1'), Type.Literal('true'), Type.Literal('0'), Type.Literal('false')], { description: 'Only compare: `?dryRun=1`' }),
  ),
  mode: Type.Optional(
    Type.Union([Type.Literal('merge'), Type.Literal('replace')], {
      description:
        '`merge` (default): add and update the listed items, keep every other item as it is. `replace`: also disable the items the file does not list (the console asks first, naming the count).',
    }),
  ),
});

/** Optional: the catalogue version the caller's dry run saw; a newer catalogue answers 409 version_conflict. */
export const ImportHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ pattern: '^(W/)?"?[0-9]{1,12}"?$' })) });

/** The file itself: CSV (UTF-8 or GB18030) or XLSX, header row `code,name,area,department,aliases` or 事项编码,事项名称,区域,部门,别名. */
export const ImportBody = {
  content: {
    'text/csv': { schema: Type.Unsafe<Buffer>({ description: 'CSV, UTF-8 (BOM optional) or GB18030' }) },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: Type.Unsafe<Buffer>({ description: 'XLSX, the first sheet' }) },
  },
};

export const ImportResult = Type.Object({
  /** True when the import was applied. */
  applied: Type.Boolean(),
  /** The catalogue's version after the call (unchanged by a dry run). */
  version: Type.Integer(),
  /** The version the import was compared with: what `POST …/catalogue/restore` brings back to undo it. */
  previousVersion: Type.Integer(),
  mode: Type.Union([Type.Literal('merge'), Type.Literal('replace')]),
  counts: Type.Object({ added: Type.Integer(), changed: Type.Integer(), disabled: Type.Integer(), problems: Type.Integer() }),
  added: Type.Array(CatalogueItem),
  changed: Type.Array(Type.Object({ before: CatalogueItem, after: CatalogueItem })),
  disabled: Type.Array(CatalogueItem),
  problems: Type.Array(CatalogueProblem),
});

/** Bring back the catalogue as it was at `version` (written as a new version; the history keeps both). */
export const RestoreBody = Type.Object(
  { version: Type.Integer({ minimum: 0, description: "The version to bring back, e.g. an import's `previousVersion`" }) },
  { additionalProperties: false },
);

export const RestoreResult = Type.Object({
  /** The catalogue's new version. */
  version: Type.Integer(),
  /** The version whose items were brought back. */
  restored: Type.Integer(),
  items: Type.Array(CatalogueItem),
});

export const CatalogueItemParams = Type.Object({ hallId: IdParam, code: Type.String({ minLength: 2, maxLength: 60, pattern: '^[0-9A-Za-z][0-9A-Za-z_-]*$' }) });

export const CatalogueItemPatch = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    aliases: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { maxItems: 20 })),
    department: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
    areaId: Type.Optional(IdParam),
  },
  { additionalProperties: false },
);

export const CatalogueItemResponse = Type.Object({ version: Type.Integer(), item: CatalogueItem });

const sameItem: Same<Static<typeof CatalogueItem>, DomainItem> = true;
const sameProblem: Same<Static<typeof CatalogueProblem>, DomainProblem> = true;
void sameItem;
void sameProblem;
