/** The look of `<qms-kiosk-search>`. */
import { css } from 'lit';

export const kioskSearchStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 22px;
    height: 100%;
    min-height: 0;
  }
  header {
    display: flex;
    align-items: center;
    gap: 32px;
  }
  h1 {
    margin: 0;
    font-size: 52px;
    line-height: 1.15;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 20px;
  }
  .bar .hint {
    flex: 1;
  }
  .switch {
    flex: none;
    display: grid;
    place-items: center;
    min-height: 130px;
    padding: 0 32px;
    border-color: var(--k-accent);
    line-height: 1.15;
  }
  .switch .note {
    font-size: 26px;
    font-weight: 400;
    color: var(--k-muted);
  }
  .all-areas {
    flex: 1;
    text-align: left;
  }
  .department {
    margin: 12px 0 0;
    font-size: 34px;
    color: var(--k-accent);
  }
  .code {
    margin-top: 4px;
    font-size: 32px;
    color: var(--k-accent);
    font-variant-numeric: tabular-nums;
  }
  .staffing {
    color: #fcd34d;
    font-weight: 700;
  }
  .staffing[data-staffing='unserved'] {
    color: #ffb4b4;
  }
  input {
    flex: 1;
    min-width: 0;
    height: 130px;
    padding: 0 36px;
    border: 4px solid var(--k-accent);
    border-radius: 24px;
    background: #fff;
    color: #111;
    font: inherit;
    font-size: 56px;
  }
  input::placeholder {
    color: #6b7280;
    font-size: 40px;
  }
  .hint,
  .count {
    font-size: 34px;
    color: var(--k-muted);
  }
  .results {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: 16px;
  }
  .results {
    overscroll-behavior: contain;
  }
  .hit {
    flex: none;
    display: grid;
    grid-template-columns: 96px 1fr;
    align-items: center;
    gap: 24px;
    padding: 22px 28px;
    min-height: 132px;
    text-align: left;
    border: 3px solid var(--k-line);
    border-radius: 20px;
    background: var(--k-panel);
  }
  .hit.area {
    border-color: var(--k-accent);
  }
  .prefix {
    display: grid;
    place-items: center;
    width: 96px;
    height: 96px;
    border-radius: 18px;
    background: var(--k-accent);
    color: #111;
    font-size: 56px;
    font-weight: 800;
  }
  .name {
    font-size: 46px;
    font-weight: 700;
    line-height: 1.25;
  }
  .name mark {
    background: none;
    color: var(--k-accent);
    text-decoration: underline 4px;
    text-underline-offset: 8px;
  }
  .alias {
    margin-top: 4px;
    font-size: 30px;
    color: var(--k-muted);
  }
  .alias::before {
    content: '≈ ';
  }
  .where {
    margin-top: 6px;
    font-size: 32px;
    color: var(--k-muted);
  }
  .empty {
    font-size: 40px;
    color: var(--k-muted);
    line-height: 1.4;
  }
  .keyboard {
    display: grid;
    gap: 14px;
    padding: 20px;
    border-radius: 24px;
    background: var(--k-panel);
  }
  /* Twenty narrow columns: a key spans two, the middle row starts half a key in. */
  .row {
    display: grid;
    grid-template-columns: repeat(20, minmax(0, 1fr));
    gap: 10px;
  }
  .key {
    grid-column: span 2;
    height: 96px;
    border: 0;
    border-radius: 14px;
    background: #e8eef8;
    color: #111;
    font-size: 50px;
    font-weight: 700;
  }
  .row.middle .key:first-child {
    grid-column: 2 / span 2;
  }
  .key.wide {
    grid-column: span 3;
    font-size: 38px;
    background: var(--k-panel-2);
    color: var(--k-text);
    border: 3px solid var(--k-line);
  }
`;
