/**
 * The bench's side of the display swarms: child processes (so the displays' CPU is not the bench's
 * and not the servers'), each holding a share of the displays.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { FromSwarm, ToSwarm } from './swarm-protocol';

type Reply<C extends FromSwarm['cmd']> = Extract<FromSwarm, { cmd: C }>;

export class Swarm {
  private readonly pending: Array<{ cmd: string; resolve: (m: FromSwarm) => void }> = [];
  private readonly listeners = new Set<(m: FromSwarm) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: FromSwarm) => {
      if (m.cmd === 'error') throw new Error(`display swarm: ${m.message}`);
      for (const l of this.listeners) l(m);
      const i = this.pending.findIndex((p) => p.cmd === m.cmd);
      if (i >= 0) this.pending.splice(i, 1)[0]!.resolve(m);
    });
  }

  static async start(): Promise<Swarm> {
    const child = fork('bench/support/display-swarm.ts', { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', reject);
    });
    return new Swarm(child);
  }

  /** Sends a command and waits for the answer named `reply`. */
  ask<C extends FromSwarm['cmd']>(message: ToSwarm, reply: C): Promise<Reply<C>> {
    return new Promise((resolve) => {
      this.pending.push({ cmd: reply, resolve: resolve as (m: FromSwarm) => void });
      this.child.send(message);
    });
  }

  /** Hears every message (e.g. `resynced` during a reconnect storm); returns the unsubscribe. */
  on(listener: (m: FromSwarm) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ cmd: 'close' } satisfies ToSwarm);
      // A swarm that hangs on close is ended: the bench must stop by itself.
      setTimeout(() => this.child.kill('SIGKILL'), 5000).unref();
    });
  }
}
