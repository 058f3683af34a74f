/**
 * The manager page's look: a desk monitor at 1920×1080, dense but calm. Levels are shown by colour
 * *and* by a word and a shape (● 正常, ▲ 偏长, ■ 超时), never by colour alone.
 */
import { css } from 'lit';

export const managerStyles = css`
  :host {
    --m-bg: #0b1a2e;
    --m-panel: #13284a;
    --m-panel-2: #1a3460;
    --m-line: #2d4d7c;
    --m-ok: #2ecc71;
    --m-warn: #ffb020;
    --m-alert: #ff5c5c;
    color: var(--qms-text);
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 6px;
    border: 1px solid #6b86b3;
    background: #23437a;
    color: #fff;
    padding: 0.25rem 0.7rem;
  }
  button:hover:not([disabled]) {
    background: #2f5699;
  }
  button[disabled] {
    opacity: 0.45;
    cursor: default;
  }
  button.primary {
    background: var(--qms-accent);
    border-color: var(--qms-accent);
    color: #111;
    font-weight: 700;
  }
  input,
  textarea,
  select {
    font: inherit;
    color: #111;
    border-radius: 6px;
    border: 1px solid #6b86b3;
    padding: 0.25rem 0.5rem;
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.15rem;
    letter-spacing: 0.05em;
  }
  .panel {
    background: var(--m-panel);
    border: 1px solid var(--m-line);
    border-radius: 10px;
    padding: 0.7rem 0.9rem;
  }
  .muted {
    color: var(--qms-muted);
  }
  .level-ok {
    --level: var(--m-ok);
  }
  .level-warn {
    --level: var(--m-warn);
  }
  .level-alert {
    --level: var(--m-alert);
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-weight: 700;
    font-size: 0.9rem;
    color: #111;
    background: var(--level, #9fb3d1);
    white-space: nowrap;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    text-align: left;
    padding: 0.3rem 0.5rem;
    border-bottom: 1px solid var(--m-line);
    white-space: nowrap;
  }
  th {
    color: var(--qms-muted);
    font-weight: 400;
    position: sticky;
    top: 0;
    background: var(--m-panel);
  }
  td.num,
  th.num {
    text-align: right;
  }
`;

/** The shape that goes with each level, so a colour-blind manager reads it too. */
export const LEVEL_MARK = { ok: '●', warn: '▲', alert: '■' } as const;
