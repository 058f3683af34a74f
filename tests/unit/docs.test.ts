/**
 * The documentation says what the code does: docs/configuration.md lists exactly the settings
 * `loadSettings` reads, the README's two commands are the package's, and no page points at a file
 * the repository does not hold. Docs that drift are worse than none: an installer trusts them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../server/config/settings';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The pages a newcomer or an installer reads. */
const PAGES = [
  'README.md',
  'bench/README.md',
  'deploy/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * Every environment name `loadSettings` asks for, seen by handing it an environment that records
 * each read. Some names are read only when another is set (the Aliyun keys after the key id, the
 * Sentinel's name beside the sentinels), so it is handed several environments.
 */
function namesReadAtRunTime(): Set<string> {
  const seen = new Set<string>();
  const environments: Record<string, string>[] = [
    {},
    { QMS_CONFIG: '/etc/qms/halls.json', QMS_PUBLIC_URL: 'https://qms.example.cn' },
    { QMS_REDIS_SENTINELS: '10.0.0.5:26379', QMS_REDIS_SENTINEL_NAME: 'qms', QMS_REDIS_PASSWORD: 'p', QMS_REDIS_SENTINEL_PASSWORD: 's' },
    { QMS_REDIS_CLUSTER: '10.0.0.1:7000' },
    { REDIS_URL: 'redis://10.0.0.5:6379', DATABASE_URL: 'postgres://u:p@db:5432/qms' },
    { QMS_SMS_ALIYUN_ACCESS_KEY_ID: 'id', QMS_SMS_ALIYUN_ACCESS_KEY_SECRET: 'secret', QMS_SMS_ALIYUN_SIGN_NAME: '玉溪政务' },
  ];
  for (const values of environments) {
    const env = new Proxy(values, {
      get(target, key) {
        if (typeof key === 'string') seen.add(key);
        return target[key as string];
      },
    });
    try {
      loadSettings(env);
    } catch (err) {
      // A combination the settings refuse still shows what was read on the way.
      if (!(err instanceof SettingsError)) throw err;
    }
  }
  return seen;
}

/** Names written in settings.ts: `env.NAME` and every string literal that is a whole name. */
function namesInSource(): Set<string> {
  const source = read('server/config/settings.ts');
  const names = new Set<string>();
  for (const m of source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) names.add(m[1]!);
  for (const m of source.matchAll(/'([A-Z][A-Z0-9_]*)'/g)) names.add(m[1]!);
  return names;
}

/** The first column of the settings table in docs/configuration.md, one name per row. */
function namesInConfigurationDoc(): string[] {
  const text = read('docs/configuration.md');
  const table = text.slice(text.indexOf('| name | default | what it does |'));
  const rows = table.split('\n').slice(2);
  const names: string[] = [];
  for (const row of rows) {
    if (!row.startsWith('|')) break;
    const first = row.split('|')[1]!.trim();
    const m = /^`([^`]+)`$/.exec(first);
    expect(m, `one name in backticks per row: ${row}`).not.toBeNull();
    names.push(m![1]!);
  }
  return names;
}

const sorted = (names: Iterable<string>) => [...names].sort();

describe('docs/configuration.md and settings.ts', () => {
  it('settings.ts reads exactly the names written in it (no read hidden from the other check)', () => {
    const atRunTime = namesReadAtRunTime();
    expect(atRunTime.size).toBeGreaterThan(40);
    for (const name of atRunTime) expect(name, `loadSettings read a key that is not an environment name`).toMatch(ENV_NAME);
    expect(sorted(atRunTime)).toEqual(sorted(namesInSource()));
  });

  it('lists every setting settings.ts reads, each once, and nothing else', () => {
    const documented = namesInConfigurationDoc();
    expect(documented.length).toBe(new Set(documented).size);
    expect(sorted(documented)).toEqual(sorted(namesReadAtRunTime()));
  });
});

describe('deploy/systemd/qms.env.example', () => {
  it('sets (or shows commented out) only settings settings.ts reads', () => {
    const example = read('deploy/systemd/qms.env.example');
    const named = [...example.matchAll(/^#?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(5);
    const settingsRead = namesReadAtRunTime();
    expect(named.filter((name) => !settingsRead.has(name))).toEqual([]);
  });
});

describe('the README', () => {
  it('names the two commands, and they are the package scripts CI runs', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toMatch(/^npm test\b/m);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBeDefined();
    expect(scripts.test).toBeDefined();
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test\b/m);
  });

  it('stays a front page (about 150 lines): the details live in docs/', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(180);
  });
});

/** Top-level folders whose paths the pages name in backticks, from the repository root. */
const REPO_PATH = /^(?:server|displays|counters|printers|tests|scripts|bench|deploy|docs|\.ci)\/[^\s<>{}*]*$/;

describe('the pages point only at files the repository holds', () => {
  for (const page of PAGES) {
    it(page, () => {
      // Fenced blocks are diagrams and shell sessions, not references.
      const text = read(page).replace(/^```[\s\S]*?^```/gm, '');
      const missing: string[] = [];
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target) || target.startsWith('#')) continue;
        const path = normalize(join(dirname(page), target.split('#')[0]!));
        if (!existsSync(join(ROOT, path))) missing.push(`link ${target}`);
      }
      for (const m of text.matchAll(/`([^`\n]+)`/g)) {
        const path = m[1]!.replace(/[.,;:]$/, '');
        if (REPO_PATH.test(path)) {
          if (!existsSync(join(ROOT, path))) missing.push(`path ${path}`);
          continue;
        }
        // deploy/README.md names its own files from its folder (`systemd/qms@.service`).
        const folder = dirname(page);
        const first = path.split('/')[0]!;
        if (folder !== '.' && !first.startsWith('.') && /^[\w.@-]+(\/[\w.@-]+)+\/?$/.test(path) && existsSync(join(ROOT, folder, first))) {
          if (!existsSync(join(ROOT, folder, path))) missing.push(`path ${folder}/${path}`);
        }
      }
      expect(missing).toEqual([]);
    });
  }
});
