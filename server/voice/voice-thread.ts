/**
 * Call WAVs are made in a worker thread at the lowest CPU priority. Measured with 32 windows calling
 * and completing (announcements on): decoding espeak-ng's output, levelling, assembling and
 * encoding a call is some 30 ms of sample loops, and on the server's thread it was a quarter of its
 * busy time, every ticket, call and push to the boards waiting behind it. One thread per process,
 * started at the first call and ended after a minute without one.
 */
import { WorkerChannel } from '../app/worker-channel';
import type { CallWavJob } from './call-wav';

const voice = new WorkerChannel<{ wav: Uint8Array }, { message: string }>({
  script: new URL('./voice-worker-boot.mjs', import.meta.url),
  name: 'voice thread',
  // espeak-ng has 15 s per language; a thread stuck past this is ended and the call fails.
  timeoutMs: 60_000,
  // Synthesis never holds the process up: a server stopping does not wait for a call's audio.
  holdWhileBusy: false,
  failure: (reply) => new Error(reply.message),
  tooLong: () => new Error('call audio took too long'),
  resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 },
  idleMs: 60_000,
});

/** `buildCallWav` in the voice thread. */
export async function callWavOffThread(job: CallWavJob): Promise<Buffer> {
  const { wav } = await voice.run({ job });
  return Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength);
}
