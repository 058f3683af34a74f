#!/usr/bin/env node
// Builds the server the way production runs it: `server/main.ts` and its worker threads as
// plain ES modules in dist/server/ (esbuild), so a start loads one file instead of transpiling ~300
// TypeScript files through tsx and resolving, reading and wrapping ~900 package files — measured on
// the 2-core machine, ~3.5 s of a 1,300-hall node's start. tsx stays for development and tests.
// The packages are bundled too, except those that open files of their own at run time (pino's
// transport threads, Swagger UI's assets, Socket.IO and its adapters, exceljs, pg, the printer and
// voice drivers, chinese-days' data): they stay in node_modules, loaded from there as before.
//
// Files the code opens next to itself (`new URL('./…', import.meta.url)`: the Redis Lua scripts,
// the worker threads' entry files) are placed where the bundle looks for them, and the build fails
// if any such file is missing, so a new one cannot be forgotten.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'dist/server');
// Built aside and moved into place at the end: a server starting meanwhile never sees half a build.
const out = `${target}.${process.pid}.tmp`;

/** Every source file the bundle is made of (with package-lock.json and this script): their hash names the build. */
function sourceFiles(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mjs|lua|json)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

const hash = createHash('sha256');
for (const file of [...sourceFiles('server'), ...sourceFiles('printers'), 'package-lock.json', 'scripts/build-server.mjs']) {
  hash
    .update(file)
    .update('\0')
    .update(readFileSync(join(root, file)))
    .update('\0');
}
const buildId = hash.digest('hex').slice(0, 32);

rmSync(out, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The worker entry files take the names the code opens them by (report-thread.ts, catalogue-file-thread.ts, voice-thread.ts).
  entryPoints: [
    { in: 'server/main.ts', out: 'main' },
    { in: 'server/app/report-worker.ts', out: 'report-worker-boot' },
    { in: 'server/catalogue/catalogue-file-worker.ts', out: 'catalogue-worker-boot' },
    { in: 'server/voice/voice-worker.ts', out: 'voice-worker-boot' },
  ],
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  external: [
    'pino',
    'pino-pretty',
    'thread-stream',
    '@fastify/swagger-ui',
    'socket.io',
    'socket.io-adapter',
    '@socket.io/redis-streams-adapter',
    'exceljs',
    'pg',
    'pg-native',
    'node-thermal-printer',
    'say',
    'chinese-days',
  ],
  // Bundled CommonJS packages call require(): give them Node's, as they had in node_modules.
  banner: { js: "import { createRequire as __qmsCreateRequire } from 'node:module'; const require = __qmsCreateRequire(import.meta.url);" },
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Stack traces name the source lines (npm run serve: --enable-source-maps); the sources stay out of the map.
  sourcemap: 'linked',
  sourcesContent: false,
  // What a good configuration check is remembered under (server/config/checked-configs.ts): a change
  // to any source file makes a new build id, so a file checked by other rules is never taken as good.
  define: { __QMS_BUILD_ID__: JSON.stringify(buildId) },
  logLevel: 'warning',
});

cpSync(join(root, 'server/store/lua'), join(out, 'lua'), { recursive: true });

const missing = [];
for (const file of readdirSync(out).filter((f) => f.endsWith('.mjs'))) {
  const code = readFileSync(join(out, file), 'utf8');
  for (const m of code.matchAll(/new URL\(\s*["'](\.{1,2}\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)) {
    if (!existsSync(join(out, m[1]))) missing.push(`${file}: ${m[1]}`);
  }
}
if (missing.length > 0) {
  rmSync(out, { recursive: true, force: true });
  console.error(`build-server: files the bundle opens are missing from dist/server:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
writeFileSync(join(out, 'build-id'), `${buildId}\n`);
const old = `${target}.${process.pid}.old`;
if (existsSync(target)) renameSync(target, old);
renameSync(out, target);
rmSync(old, { recursive: true, force: true });
console.log(`build-server: dist/server/main.mjs (build ${buildId.slice(0, 12)})`);
