/**
 * What the history commands share: their arguments, and a hall's configuration as the store has
 * it (staff from the configured halls, as the server does), in the store the settings point at.
 */
import { fromHallDoc, hallKey, type HallDoc } from '../server/config/hall-doc';
import { loadHalls } from '../server/config/halls';
import { loadSettings } from '../server/config/settings';
import type { HallConfig } from '../server/domain/types';
import type { EventStore } from '../server/store/event-store';

/** `--name value` pairs and bare `--flag`s. */
export function parseArgs(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const [name, inline] = a.slice(2).split('=');
    const next = argv[i + 1];
    if (inline !== undefined) out.set(name!, inline);
    else if (next !== undefined && !next.startsWith('--')) out.set(name!, argv[++i]!);
    else out.set(name!, 'true');
  }
  return out;
}

export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** The hall as the store knows it (or, before any server seeded the store, as configured). */
export async function hallConfig(store: EventStore, hallId: string): Promise<HallConfig> {
  const settings = loadSettings(process.env);
  const configured = loadHalls({ configPath: settings.configPath, demo: settings.demo }).halls.find((h) => h.id === hallId);
  const doc = await store.readDoc(hallKey(hallId));
  if (doc) return fromHallDoc(JSON.parse(doc.value) as HallDoc, configured?.staff ?? []);
  if (configured) return configured;
  return fail(`no hall ${hallId} in the store or the configuration`);
}
