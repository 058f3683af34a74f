/** Messages between the bench and its display-swarm child processes (Node IPC). */

export type ToSwarm =
  | { cmd: 'open'; urls: string[]; token: string; hallId: string; count: number; firstIndex: number }
  | { cmd: 'mark' }
  | { cmd: 'wait-version'; version: number; timeoutMs: number }
  | { cmd: 'collect'; fromVersion: number; toVersion: number }
  | { cmd: 'close' };

export interface DisplayCount {
  /** Displays held by this process. */
  displays: number;
  /** Of them, connected now. */
  connected: number;
}

export type FromSwarm =
  | ({ cmd: 'opened'; failed: number; ms: number } & DisplayCount)
  | { cmd: 'marked' }
  | ({ cmd: 'at-version'; reached: number } & DisplayCount)
  | {
      cmd: 'collected';
      /** Ticket id → when each display received its `ticket.called` (epoch ms), since the mark. */
      receipts: Record<string, number[]>;
      /** Versions in (fromVersion, toVersion] that a display never received, summed over displays. */
      lost: number;
      displaysWithLoss: number;
      /** Connections opened after a loss (a node died), and hall:sync answers received. */
      reconnects: number;
    }
  | { cmd: 'resynced'; index: number; disconnectedAt: number; resyncedAt: number; attempts: number }
  | { cmd: 'error'; message: string };
