/**
 * The look of `<qms-kiosk-ticket>`: on a portrait 1080×1920 screen with everything a ticket can
 * carry at once (绿色通道, a journey's step, 需要帮办, a failed printer), 完成 stays on the screen —
 * the queue and the QR code share a row, 重新打印凭条 sits beside 完成.
 */
import { css } from 'lit';

export const kioskTicketStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 18px;
    text-align: center;
  }
  .card {
    width: 100%;
    padding: 26px 40px 30px;
    border-radius: 32px;
    background: #fff;
    color: #111;
    display: grid;
    gap: 12px;
  }
  .label {
    margin: 0;
    font-size: 40px;
    font-weight: 400;
    line-height: 1.2;
    color: #374151;
  }
  .number {
    font-size: 200px;
    line-height: 1;
    font-weight: 900;
    letter-spacing: 0.04em;
    font-variant-numeric: tabular-nums;
  }
  .area {
    font-size: 60px;
    font-weight: 800;
    line-height: 1.2;
  }
  .service {
    font-size: 36px;
    line-height: 1.35;
    color: #374151;
  }
  .badge {
    justify-self: center;
    padding: 6px 28px;
    border-radius: 999px;
    background: var(--k-green-dark);
    color: #fff;
    font-size: 38px;
    font-weight: 700;
  }
  .follow {
    display: grid;
    grid-template-columns: 1fr 240px;
    align-items: center;
    gap: 28px;
    margin-top: 6px;
    padding-top: 18px;
    border-top: 3px solid #d1d5db;
  }
  .queue {
    display: grid;
    gap: 10px;
    font-size: 50px;
    font-weight: 800;
    line-height: 1.2;
  }
  .queue .wait {
    font-size: 40px;
    font-weight: 700;
    color: #374151;
  }
  .qr {
    display: grid;
    justify-items: center;
    gap: 8px;
  }
  .qr img,
  .qr-space {
    width: 200px;
    height: 200px;
    image-rendering: pixelated;
  }
  .qr .scan {
    font-size: 26px;
    line-height: 1.3;
    color: #374151;
  }
  .print {
    width: 100%;
    padding: 20px 32px;
    border-radius: 24px;
    font-size: 38px;
    font-weight: 700;
    line-height: 1.3;
  }
  .assistance {
    width: 100%;
    padding: 20px 32px;
    border-radius: 24px;
    background: #3a2c00;
    border: 3px solid var(--k-accent);
    font-size: 36px;
    font-weight: 700;
    line-height: 1.3;
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
    margin-top: 6px;
    font-size: 32px;
    font-weight: 400;
  }
  .listen {
    font-size: 36px;
    color: var(--k-muted);
  }
  .actions {
    display: flex;
    justify-content: center;
    gap: 28px;
    width: 100%;
  }
  .actions .primary {
    width: 560px;
  }
  .reprint {
    min-height: 130px;
    color: var(--k-text);
    border-color: var(--k-bad);
  }
  .countdown {
    font-size: 32px;
    color: var(--k-muted);
  }
`;
