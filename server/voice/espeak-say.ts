/**
 * `say` with an espeak-ng backend. Stock `say` on Linux runs festival, which has no Mandarin voice
 * here, cannot export a file, and splices the text into a Scheme form run by a shell. This platform
 * keeps `say`'s own process handling but gives it espeak-ng argv: the text travels on stdin, never
 * through a shell or the command line, so a window name like `"; rm -rf /; "` is only ever spoken.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { constants, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import SayPlatformBase, { type SayCommand } from 'say/platform/base.js';
import type { Locale } from '../i18n';
import { decodeWav, type Pcm } from './wav';

/** espeak-ng 1.51's voices that read our texts: `cmn` reads pinyin as English there, `cmn-latn-pinyin` speaks Mandarin. */
const ESPEAK_VOICES: Record<Locale, string> = { 'zh-CN': 'cmn-latn-pinyin', en: 'en-us' };

/** Words per minute at rate 1: a little slower than espeak's 175, as hall calls are. */
const BASE_WPM = 165;
const SYNTH_TIMEOUT_MS = 15_000;

export class EspeakSay extends SayPlatformBase {
  constructor() {
    super();
    this.baseSpeed = BASE_WPM;
  }

  private common(voice: string | null, speed: number | null): string[] {
    // -b 1: the text is UTF-8; --stdin: read all of it at once rather than line by line.
    return ['-v', voice ?? ESPEAK_VOICES['zh-CN'], '-s', String(this.convertSpeed(speed ?? 1)), '-b', '1', '--stdin'];
  }

  buildSpeakCommand({ text, voice, speed }: { text: string; voice: string | null; speed: number | null }): SayCommand {
    return { command: 'espeak-ng', args: this.common(voice, speed), pipedData: text, options: {} };
  }

  buildExportCommand({ text, voice, speed, filename }: { text: string; voice: string | null; speed: number | null; filename: string }): SayCommand {
    return { command: 'espeak-ng', args: [...this.common(voice, speed), '-w', filename], pipedData: text, options: {} };
  }

  runStopCommand(): void {
    this.child?.kill();
  }

  getVoices(): SayCommand {
    return { command: 'espeak-ng', args: ['--voices'] };
  }
}

let scratch: string | null = null;

function scratchDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'qms-voice-'));
  return scratch;
}

/**
 * Speaks `text` in `locale` at `rate` (1 = normal) into PCM, through `say`'s export with espeak-ng.
 * Rejects when espeak-ng is missing, fails or takes longer than 15 s.
 */
export async function synthesize(text: string, locale: Locale, rate: number, opts: { low?: boolean } = {}): Promise<Pcm> {
  const file = join(scratchDir(), `${randomBytes(8).toString('hex')}.wav`);
  // One `say` per utterance: the base class keeps a single `child`, so instances must not be shared.
  const say = new EspeakSay();
  try {
    await new Promise<void>((resolve, reject) => {
      say.export(text, ESPEAK_VOICES[locale], rate, file, (err) => (err ? reject(err) : resolve()));
      // `say` does not listen for spawn failures (espeak-ng missing) or a broken stdin; without these
      // listeners either would crash the server.
      const child = say.child;
      // Synthesis ahead of any request is never more urgent than a call's answer or its push to the
      // boards: the lowest CPU priority. (A board waiting for its WAV gets the normal one.)
      if (opts.low && child?.pid) {
        try {
          setPriority(child.pid, constants.priority.PRIORITY_LOW);
        } catch {
          // A sandbox that forbids it: espeak-ng runs at the normal priority.
        }
      }
      child?.on('error', (err) => reject(new Error(`espeak-ng could not run: ${err.message}`)));
      child?.stdin?.on('error', (err) => reject(new Error(`espeak-ng did not take the text: ${err.message}`)));
      const timer = setTimeout(() => {
        child?.kill('SIGKILL');
        reject(new Error(`espeak-ng took longer than ${SYNTH_TIMEOUT_MS} ms`));
      }, SYNTH_TIMEOUT_MS);
      child?.on('exit', () => clearTimeout(timer));
    });
    return decodeWav(await readFile(file));
  } finally {
    await rm(file, { force: true });
  }
}
