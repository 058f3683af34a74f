/** The look of `<qms-kiosk-ticket>`. */
import { css } from 'lit';

export const kioskTicketStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 22px;
    text-align: center;
  }
  .card {
    width: 100%;
    padding: 32px 40px 36px;
    border-radius: 32px;
    background: #fff;
    color: #111;
    display: grid;
    gap: 16px;
  }
  .label {
    font-size: 44px;
    color: #374151;
  }
  .number {
    font-size: 220px;
    line-height: 1;
    font-weight: 900;
    letter-spacing: 0.04em;
    font-variant-numeric: tabular-nums;
  }
  .area {
    font-size: 64px;
    font-weight: 800;
  }
  .service {
    font-size: 40px;
    color: #374151;
  }
  .badge {
    justify-self: center;
    padding: 8px 28px;
    border-radius: 999px;
    background: var(--k-green-dark);
    color: #fff;
    font-size: 40px;
    font-weight: 700;
  }
  .queue {
    display: grid;
    gap: 8px;
    margin-top: 8px;
    padding: 20px 0;
    border-top: 3px solid #d1d5db;
    border-bottom: 3px solid #d1d5db;
    font-size: 54px;
    font-weight: 800;
  }
  .queue .wait {
    font-size: 44px;
    font-weight: 700;
    color: #374151;
  }
  .qr {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    gap: 32px;
    margin-top: 16px;
    text-align: left;
  }
  .qr img {
    width: 240px;
    height: 240px;
    image-rendering: pixelated;
  }
  .qr div {
    font-size: 40px;
    line-height: 1.4;
  }
  .print {
    width: 100%;
    padding: 28px 36px;
    border-radius: 24px;
    font-size: 42px;
    font-weight: 700;
    line-height: 1.35;
  }
  .assistance {
    width: 100%;
    padding: 24px 36px;
    border-radius: 24px;
    background: #3a2c00;
    border: 3px solid var(--k-accent);
    font-size: 40px;
    font-weight: 700;
    line-height: 1.35;
  }
  .print.printed {
    background: var(--k-green-dark);
    border: 3px solid var(--k-green);
  }
  .print.failed {
    background: #3a1111;
    border: 4px solid var(--k-bad);
    color: #ffd0d0;
  }
  .print.none {
    background: var(--k-panel);
    border: 3px solid var(--k-line);
  }
  .reason {
    display: block;
    margin-top: 8px;
    font-size: 34px;
    font-weight: 400;
  }
  .reprint {
    margin-top: 20px;
    color: var(--k-text);
  }
  .listen {
    font-size: 40px;
    color: var(--k-muted);
  }
  .primary {
    width: 640px;
  }
  .countdown {
    font-size: 34px;
    color: var(--k-muted);
  }
`;
