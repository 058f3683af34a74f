/**
 * Call WAVs are made in a worker thread at the lowest CPU priority. Measured with 32 windows calling
 * and completing (announcements on): decoding espeak-ng's output, levelling, assembling and
 * encoding a call is some 30 ms of sample loops, and on the server's thread it was a quarter of its
 * busy time, every ticket, call and push to the boards waiting behind it (most of it starting
 * espeak-ng: a child process is forked from the whole server, page tables and all). One thread per
 * process, started with the server (`warmVoiceThread`): a thread started at the first call takes
 * a second to load, and a board wants the call's WAV within a second. It never holds the process up.
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
});

/** Starts the voice thread now (loaded before the first call), if it is not running. */
export function warmVoiceThread(): void {
  voice.run({ warm: true }).catch(() => undefined); // a failure shows at the first call
}

/** `buildCallWav` in the voice thread. */
export async function callWavOffThread(job: CallWavJob): Promise<Buffer> {
  const { wav } = await voice.run({ job });
  return Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength);
}
