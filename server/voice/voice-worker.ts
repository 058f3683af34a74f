/**
 * The voice thread (`voice-thread.ts`): builds call WAVs at the lowest CPU priority, so the
 * server's thread never waits for a CPU behind it. The bytes are moved back, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { giveWayToTheServer } from '../app/thread-priority';
import { buildCallWav, type CallWavJob } from './call-wav';

giveWayToTheServer();

parentPort!.on('message', (message: { id: number; job?: CallWavJob; warm?: true }) => {
  // Started ahead of the first call: loaded, nothing to make.
  if (!message.job) return void parentPort!.postMessage({ id: message.id, ok: true, wav: new Uint8Array(0) });
  buildCallWav(message.job).then(
    (wav) => {
      // A buffer of its own (not a slice of a pooled one) can be moved.
      const bytes = new Uint8Array(wav.length);
      bytes.set(wav);
      parentPort!.postMessage({ id: message.id, ok: true, wav: bytes }, [bytes.buffer]);
    },
    (err: unknown) => parentPort!.postMessage({ id: message.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
});
