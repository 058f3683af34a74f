/**
 * Asks the ID card reader's local service (`?reader=http://127.0.0.1:…` on the kiosk's address,
 * docs/identity.md) for the card on the reader while the page waits for one, and hands each card
 * over once: the same card again only after the reader has reported it gone, so a refused card
 * lying on the reader is not sent again and again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readerAnswer } from '../../server/domain/card-reader';

const POLL_MS = 500;

export class CardReaderPoller implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private active = false;
  /** The card handed over last, until the reader says it is gone. */
  private lastCard: string | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly url: string | null,
    private readonly onCard: (card: { idNumber: string; name: string | null }) => void,
  ) {
    host.addController(this);
  }

  /** Polls while `on`; a reader not configured never polls. */
  set(on: boolean): void {
    if (!this.url || on === this.active) return;
    this.active = on;
    if (on) this.schedule(0);
    else if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  hostDisconnected(): void {
    this.set(false);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  private async poll(): Promise<void> {
    this.timer = null;
    try {
      const res = await fetch(this.url!, { cache: 'no-store', credentials: 'omit' });
      const answer = res.ok ? readerAnswer(await res.json()) : { present: false as const };
      if (!answer.present) this.lastCard = null;
      else if (answer.idNumber !== this.lastCard && this.active) {
        this.lastCard = answer.idNumber;
        this.onCard({ idNumber: answer.idNumber, name: answer.name });
      }
    } catch {
      // The service is down or restarting: the citizen can still type or scan.
    }
    if (this.active && this.timer === null) this.schedule(POLL_MS);
  }
}
