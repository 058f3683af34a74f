/**
 * Hall configuration: the demo halls, or a JSON file (`QMS_CONFIG`) checked against a schema and
 * for consistency (areas exist, numbers unique, …). Every problem is listed, not just the first.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { hallConfigProblems } from '../domain/hall-rules';
import { DEFAULT_POLICY, type HallConfig } from '../domain/types';
import { hallProblemText } from '../i18n';
import type { AdminConfig } from '../auth/accounts';
import { isPasswordHash } from '../auth/passwords';
import type { CheckedConfigs } from './checked-configs';
import { DEMO_HALLS } from './demo-halls';
import { PLAIN_TEXT_SOURCE } from '../domain/plain-text';
import { DeviceParts, HallParts, PolicySchema } from './hall-schema';

const RoleSchema = Type.Union(['kiosk', 'display', 'rating', 'clerk', 'manager', 'admin'].map((r) => Type.Literal(r)));

const HallSchema = Type.Object({
  ...HallParts,
  policy: Type.Optional(PolicySchema),
  staff: Type.Array(
    Type.Object({
      id: Type.String({ minLength: 1, maxLength: 40 }),
      name: Type.String({ minLength: 1, maxLength: 40, pattern: PLAIN_TEXT_SOURCE }),
      role: RoleSchema,
      staffNo: Type.Optional(Type.String({ maxLength: 20 })),
      passwordHash: Type.Optional(Type.String()),
    }),
  ),
  devices: Type.Array(Type.Object({ ...DeviceParts, passwordHash: Type.Optional(Type.String()) })),
});

const ConfigFileSchema = Type.Object({
  halls: Type.Array(HallSchema, { minItems: 1 }),
  // 三员分立: each administrator holds one of the three administrator roles (default: system administrator).
  admins: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.String({ minLength: 1 }),
        name: Type.String({ minLength: 1, pattern: PLAIN_TEXT_SOURCE }),
        passwordHash: Type.String(),
        role: Type.Optional(Type.Union([Type.Literal('admin'), Type.Literal('security_admin'), Type.Literal('audit_admin')])),
      }),
    ),
  ),
});

type HallFile = Static<typeof HallSchema>;

/**
 * The file's schema compiled once, on first use: a province's file (1,300 halls, 26 MB) is checked
 * in tens of ms instead of a second by the interpreting `Value.Check`. Errors (only for a bad file)
 * are still listed by `Value.Errors`, which words them the same.
 */
let configFileCheck: ReturnType<typeof Compile<typeof ConfigFileSchema>> | null = null;

export class HallConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`bad hall configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'HallConfigError';
  }
}

function duplicates(values: Array<string | number>): Array<string | number> {
  const seen = new Set<string | number>();
  const dup = new Set<string | number>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/**
 * Consistency rules a schema cannot express, in English: each hall's (`hallConfigProblems`, the
 * same rules the API and the console apply) and the config file's own (hall and account ids
 * unique across halls, staff sign-ins).
 */
export function checkHalls(halls: HallConfig[], requireHashes: boolean): string[] {
  const problems: string[] = [];
  for (const d of duplicates(halls.map((h) => h.id))) problems.push(`hall id ${d} is used twice`);
  const accountIds: string[] = [];
  for (const h of halls) {
    const at = `hall ${h.id}`;
    for (const p of hallConfigProblems(h)) problems.push(`${at}: ${hallProblemText(p, 'en')}`);
    for (const s of h.staff) {
      if (s.role === 'admin') problems.push(`${at}: staff ${s.id} cannot be admin (admins belong to no hall)`);
      if (s.passwordHash !== undefined && !isPasswordHash(s.passwordHash)) problems.push(`${at}: staff ${s.id} has a malformed passwordHash`);
      if (requireHashes && s.passwordHash === undefined) problems.push(`${at}: staff ${s.id} has no passwordHash`);
    }
    for (const d of h.devices) if (requireHashes && d.passwordHash === undefined) problems.push(`${at}: device ${d.id} has no passwordHash`);
    accountIds.push(...h.staff.map((s) => s.id), ...h.devices.map((d) => d.id));
  }
  for (const d of duplicates(accountIds)) problems.push(`account id ${d} is used twice`);
  return problems;
}

export interface LoadedHalls {
  halls: HallConfig[];
  admins: AdminConfig[];
}

function fromFile(h: HallFile): HallConfig {
  return { ...h, policy: h.policy ?? DEFAULT_POLICY };
}

/**
 * The demo halls, or the halls of a config file; throws `HallConfigError` listing every problem.
 * With `checked`, a file this build already found good (the same bytes, the same mode) is not
 * checked again; a file found good now is remembered there.
 */
export function loadHalls(opts: { configPath: string | null; demo: boolean; demoPrinter?: string | null; checked?: CheckedConfigs }): LoadedHalls {
  let loaded: LoadedHalls;
  let fileDigest: string | null = null;
  if (opts.configPath === null) {
    loaded = { halls: DEMO_HALLS.map((h) => structuredClone(h)), admins: [] };
  } else {
    let raw: unknown;
    try {
      const bytes = readFileSync(opts.configPath);
      // QMS_DEMO_PRINTER is put into the first kiosk before the check, so it is part of what was checked.
      fileDigest = opts.checked
        ? createHash('sha256')
            .update(bytes)
            .update(`\0${opts.demoPrinter ?? ''}`)
            .digest('hex')
        : null;
      raw = JSON.parse(bytes.toString('utf8'));
    } catch (err) {
      throw new HallConfigError([`${opts.configPath}: ${(err as Error).message}`]);
    }
    if (fileDigest !== null && opts.checked?.passed(fileDigest, !opts.demo)) {
      return withDemoPrinter(
        { halls: (raw as Static<typeof ConfigFileSchema>).halls.map(fromFile), admins: (raw as Static<typeof ConfigFileSchema>).admins ?? [] },
        opts.demoPrinter,
      );
    }
    configFileCheck ??= Compile(ConfigFileSchema);
    if (!configFileCheck.Check(raw)) {
      throw new HallConfigError([...Value.Errors(ConfigFileSchema, raw)].slice(0, 50).map((e) => `${e.instancePath || '/'}: ${e.message}`));
    }
    loaded = { halls: raw.halls.map(fromFile), admins: raw.admins ?? [] };
  }
  withDemoPrinter(loaded, opts.demoPrinter);
  // The official holidays are not merged here: a hall's document keeps only its own days, and
  // `fromHallDoc` merges the official ones into the engine's configuration.
  const problems = checkHalls(loaded.halls, !opts.demo);
  for (const a of loaded.admins) if (!isPasswordHash(a.passwordHash)) problems.push(`admin ${a.id} has a malformed passwordHash`);
  if (problems.length > 0) throw new HallConfigError(problems);
  if (fileDigest !== null) opts.checked?.remember(fileDigest, !opts.demo);
  return loaded;
}

/** QMS_DEMO_PRINTER: the first hall's kiosk prints there. */
function withDemoPrinter(loaded: LoadedHalls, demoPrinter: string | null | undefined): LoadedHalls {
  if (demoPrinter) {
    const kiosk = loaded.halls[0]?.devices.find((d) => d.kind === 'kiosk');
    if (kiosk) kiosk.printer = demoPrinter;
  }
  return loaded;
}
