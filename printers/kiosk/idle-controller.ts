/**
 * Brings a kiosk back to its start screen when nobody has touched it for a while, so the next
 * citizen never finds someone else's ticket or half-typed search. Counts down visibly (the host
 * re-renders every second while away from the start) and any touch or key starts the count again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class IdleController implements ReactiveController {
  private lastActivity = Date.now();
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onActivity = () => {
    this.lastActivity = Date.now();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: {
      /** Idle time before `onIdle`, in seconds. */
      seconds: number;
      /** Whether the page is away from its start screen (only then does idleness matter). */
      away: () => boolean;
      onIdle: () => void;
    },
  ) {
    host.addController(this);
  }

  /** Whole seconds left before the page goes back to the start. */
  get remaining(): number {
    return Math.max(0, Math.ceil(this.opts.seconds - (Date.now() - this.lastActivity) / 1000));
  }

  /** Starts the count again (e.g. when a new screen opens without a touch). */
  restart(): void {
    this.lastActivity = Date.now();
  }

  hostConnected(): void {
    window.addEventListener('pointerdown', this.onActivity, { capture: true });
    window.addEventListener('keydown', this.onActivity, { capture: true });
    this.timer ??= setInterval(() => {
      if (!this.opts.away()) return;
      if (this.remaining === 0) {
        this.restart();
        this.opts.onIdle();
      }
      this.host.requestUpdate();
    }, 1000);
  }

  hostDisconnected(): void {
    window.removeEventListener('pointerdown', this.onActivity, { capture: true });
    window.removeEventListener('keydown', this.onActivity, { capture: true });
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
