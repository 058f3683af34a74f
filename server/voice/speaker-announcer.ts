/**
 * Says calls on this machine's speakers (QMS_VOICE=speaker): the call's WAV goes to SoX on stdin
 * and out to the zone's sound device (`-t alsa hw:1`) or the default one. No shell, no temp file.
 */
import { spawn } from 'node:child_process';
import type { Announcer, SpokenCall } from './announcer';

/** Beyond the call's own length, how long a stuck sound device may hold up the queue. */
const GRACE_MS = 10_000;

export class SpeakerAnnouncer implements Announcer {
  announce(call: SpokenCall): Promise<void> {
    const output = call.device ? ['-t', 'alsa', call.device] : ['-d'];
    const seconds = Math.max(0, call.wav.length - 44) / 2 / Math.max(1, call.wav.readUInt32LE(24));
    return new Promise((resolve, reject) => {
      const child = spawn('sox', ['-q', '-t', 'wav', '-', ...output], { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000 + GRACE_MS);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`sox could not run: ${err.message}`));
      });
      // A device that fails early closes stdin under us; the exit code tells the story.
      child.stdin.on('error', () => {});
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`sox failed (${signal ?? `exit ${code}`}): ${stderr.trim().slice(0, 300)}`));
      });
      child.stdin.end(call.wav);
    });
  }
}
