#!/usr/bin/env node
// The test command: type-check, lint, check the formatting, build the pages, run every suite, and end
// with one plain line `N passed, N failed` that CI reads (a failed type-check, lint, format check or
// build counts as one failure).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status === 0;

let extraFailures = 0;
console.log('> tsc --noEmit');
if (!run(bin('tsc'), ['--noEmit'])) extraFailures++;

// Type-aware lint takes minutes cold on two cores; the cache keeps unchanged files from being linted again.
console.log('> eslint');
if (!run(bin('eslint'), ['.', '--cache', '--cache-location', '.test-artifacts/eslint'])) extraFailures++;

console.log('> prettier --check .');
if (!run(bin('prettier'), ['--check', '.', '--log-level', 'warn'])) extraFailures++;

if (existsSync('vite.config.ts')) {
  console.log('> vite build');
  if (!run(bin('vite'), ['build', '--logLevel', 'warn'])) extraFailures++;
}

mkdirSync('.test-artifacts', { recursive: true });
const report = '.test-artifacts/vitest.json';
rmSync(report, { force: true });
console.log('> vitest run');
run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);

let passed = 0;
let failed;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  // A skipped or todo test is a defect here, and a suite that failed to load counts too.
  failed = r.numFailedTests + r.numPendingTests + (r.numTodoTests ?? 0) + (r.numFailedTestSuites ?? 0);
} else {
  failed = 1;
}
failed += extraFailures;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
