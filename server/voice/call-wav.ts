/**
 * One call's WAV from its words: espeak-ng speaks each language (a child process each, at the lowest
 * CPU priority when made ahead of any request), then the chime, the speech trimmed and levelled,
 * the repeats and the pauses are put together and encoded. Runs in the voice thread
 * (`voice-thread.ts`): the sample loops are tens of milliseconds of CPU per call, which on the
 * server's thread held every ticket, call and push behind them.
 */
import type { Locale } from '../i18n';
import { assembleCall } from './assemble';
import { chime } from './chime';
import { synthesize } from './espeak-say';
import { encodeWav, type Pcm } from './wav';

export interface CallWavJob {
  parts: Array<{ speech: string; locale: Locale }>;
  rate: number;
  repeats: number;
  volume: number;
  /** Made ahead of any request: espeak-ng at the lowest CPU priority. */
  low: boolean;
}

const chimes = new Map<number, Pcm>();

export async function buildCallWav(job: CallWavJob): Promise<Buffer> {
  const speech = await Promise.all(job.parts.map((p) => synthesize(p.speech, p.locale, job.rate, { low: job.low })));
  const sampleRate = speech[0]!.sampleRate;
  let bell = chimes.get(sampleRate);
  if (!bell) chimes.set(sampleRate, (bell = chime(sampleRate)));
  return encodeWav(assembleCall({ chime: bell, speech, repeats: job.repeats, volume: job.volume }));
}
