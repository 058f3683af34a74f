/**
 * How production starts the hall server: `npm run serve` (which `npm start` and the systemd unit
 * run, after `npm run build`), read from package.json so the benchmark measures that very command,
 * its node flags included, and never a copy of it that could drift.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** The arguments after `node` in package.json's `serve` script; throws if the bundle is not built. */
export function productionServerArgs(): string[] {
  const scripts = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = (scripts.serve ?? '').trim().split(/\s+/);
  if (command !== 'node' || args.length === 0) throw new Error(`package.json's serve script is not "node …": ${scripts.serve}`);
  const entry = args.at(-1)!;
  if (!existsSync(resolve(ROOT, entry))) throw new Error(`${entry} is not built: run npm run build first`);
  return args;
}
