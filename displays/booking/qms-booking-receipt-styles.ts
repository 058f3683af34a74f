/** The look of `<qms-booking-receipt>`. */
import { css } from 'lit';

export const bookingReceiptStyles = css`
  :host {
    min-height: 0;
    background: transparent;
  }
  .card {
    border-width: 4px;
  }
  .done {
    font-size: 26px;
    font-weight: 900;
  }
  .done::before {
    content: '✔ ';
  }
  .code-box {
    display: grid;
    justify-items: center;
    gap: 2px;
    padding: 10px 8px 14px;
    border: 4px double #111;
    border-radius: 12px;
    background: var(--p-soft);
  }
  .code-box.void {
    border-style: dashed;
    background: #f4f4f4;
  }
  .code-box.void .code {
    color: #444;
    text-decoration: line-through 6px;
  }
  .code-label {
    font-size: 20px;
    font-weight: 700;
  }
  .code {
    font-size: 60px;
    line-height: 1.05;
    font-weight: 900;
    letter-spacing: 0.12em;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .notice {
    display: grid;
    gap: 6px;
    padding: 12px 14px;
    border-left: 10px solid #111;
    background: var(--p-warn);
    font-weight: 700;
  }
  .status {
    justify-self: start;
    padding: 2px 12px;
    border: 3px dashed #111;
    border-radius: 8px;
    font-weight: 800;
  }
  .status.cancelled::before {
    content: '✕ ';
  }
  .actions {
    display: grid;
    gap: 10px;
  }
  button.danger {
    text-align: center;
    font-weight: 800;
    color: #7a0000;
    border-color: #7a0000;
  }
  .confirm {
    display: grid;
    gap: 10px;
    padding: 12px;
    border: 3px dashed #7a0000;
    border-radius: 10px;
  }
`;
