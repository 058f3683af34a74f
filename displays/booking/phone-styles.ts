/**
 * The look of the citizen's phone pages (booking, the ticket's live page): light background for
 * daylight, near-black text, large type for elderly citizens, big touch targets, thick borders.
 * Nothing depends on colour alone: every state also has words and a shape (icon, border style).
 */
import { css, unsafeCSS } from 'lit';
import { FONT_STACK } from '../shared/page-styles';

export const phoneStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    min-height: 100vh;
    font-family: ${unsafeCSS(FONT_STACK)};
    font-size: 20px;
    line-height: 1.45;
    color: #111;
    background: #fff;
    --p-muted: #333;
    --p-line: #111;
    --p-soft: #eef2f8;
    --p-action: #0a3f8f;
    --p-call: #ffd400;
    --p-warn: #fff1c2;
    overflow-wrap: anywhere;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  header.bar {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 12px;
    padding: 10px 16px;
    color: #fff;
    background: #0a2a5c;
  }
  header.bar .hall {
    margin: 0;
    font-size: 18px;
    font-weight: 700;
    min-width: 0;
  }
  header.bar .page-title {
    display: block;
    font-size: 24px;
    font-weight: 800;
  }
  main {
    display: grid;
    gap: 18px;
    padding: 16px;
  }
  h2 {
    margin: 0;
    font-size: 24px;
    font-weight: 800;
  }
  p {
    margin: 0;
  }
  .muted {
    color: var(--p-muted);
  }
  button {
    font: inherit;
    min-height: 56px;
    padding: 10px 16px;
    border: 3px solid var(--p-line);
    border-radius: 10px;
    color: #111;
    background: #fff;
    cursor: pointer;
    text-align: left;
  }
  button.primary {
    color: #fff;
    background: var(--p-action);
    border-color: var(--p-action);
    font-weight: 800;
    text-align: center;
  }
  button:disabled {
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 4px solid #ff8c00;
    outline-offset: 2px;
  }
  input {
    font: inherit;
    font-size: 22px;
    width: 100%;
    min-height: 56px;
    padding: 8px 12px;
    border: 3px solid var(--p-line);
    border-radius: 10px;
  }
  label {
    display: grid;
    gap: 6px;
    font-weight: 700;
  }
  .error {
    padding: 12px 14px;
    border: 3px solid #a00000;
    border-left-width: 12px;
    border-radius: 10px;
    background: #fff0f0;
    color: #7a0000;
    font-weight: 700;
  }
  .error::before {
    content: '⚠ ';
  }
  .card {
    display: grid;
    gap: 10px;
    padding: 16px;
    border: 3px solid var(--p-line);
    border-radius: 14px;
    background: #fff;
  }
  dl {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 6px 14px;
    margin: 0;
  }
  dt {
    color: var(--p-muted);
  }
  dd {
    margin: 0;
    font-weight: 700;
  }
`;
