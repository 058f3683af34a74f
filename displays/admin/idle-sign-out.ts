/**
 * The console signs an administrator out after the server's idle time (QMS_ADMIN_IDLE_MINUTES, sent
 * with the sign-in as `idleMinutes`) without a key press, click or touch: the screen does not keep
 * showing the console to whoever walks up. The server refuses the idle token anyway (`session_idle`);
 * this clears the screen without waiting for a request.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export class IdleSignOut implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private minutes: number | null = null;

  constructor(
    host: ReactiveControllerHost,
    /** The idle minutes of whoever is signed in now (null: none, or not an administrator). */
    private readonly idleMinutes: () => number | null,
    private readonly signOut: () => void,
  ) {
    host.addController(this);
  }

  private readonly restart = (): void => {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = this.minutes === null ? null : setTimeout(() => this.signOut(), this.minutes * 60_000);
  };

  hostConnected(): void {
    for (const e of ACTIVITY) window.addEventListener(e, this.restart, { passive: true, capture: true });
  }

  hostDisconnected(): void {
    for (const e of ACTIVITY) window.removeEventListener(e, this.restart, { capture: true });
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** After each render: a new sign-in (or a sign-out) starts or stops the clock. */
  hostUpdated(): void {
    const minutes = this.idleMinutes();
    if (minutes === this.minutes) return;
    this.minutes = minutes;
    this.restart();
  }
}
