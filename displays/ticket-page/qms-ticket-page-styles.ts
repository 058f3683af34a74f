/** The look of `<qms-ticket-page>`. */
import { css } from 'lit';

export const ticketPageStyles = css`
  .offline {
    position: sticky;
    top: 0;
    z-index: 10;
    padding: 10px 16px;
    color: #000;
    background: #ffb300;
    border-bottom: 4px dashed #000;
    font-weight: 800;
  }
  .offline::before {
    content: '⚠ ';
  }
  .call {
    display: grid;
    justify-items: center;
    gap: 4px;
    padding: 16px 12px 20px;
    color: #000;
    background: var(--p-call);
    border: 6px solid #000;
    border-radius: 16px;
    text-align: center;
    /* Chinese lines break at the template's spaces, never inside 号窗口. */
    word-break: keep-all;
  }
  .call .lead {
    font-size: 26px;
    font-weight: 900;
  }
  .call .go {
    font-size: 34px;
    line-height: 1.15;
    font-weight: 900;
  }
  .call .go .window {
    display: inline-block;
    margin: 0 4px;
    font-size: 92px;
    line-height: 1;
    font-variant-numeric: tabular-nums;
  }
  .call .line {
    font-size: 20px;
    font-weight: 700;
  }
  .call .again {
    padding: 2px 12px;
    border: 3px solid #000;
    border-radius: 8px;
    font-size: 22px;
    font-weight: 900;
  }
  .call .again::before {
    content: '↻ ';
  }
  .ticket {
    justify-items: start;
  }
  .number-label {
    font-size: 20px;
    color: var(--p-muted);
  }
  .number {
    font-size: 64px;
    line-height: 1.05;
    font-weight: 900;
    letter-spacing: 0.04em;
    font-variant-numeric: tabular-nums;
  }
  .status {
    display: inline-block;
    padding: 2px 12px;
    border: 3px solid #111;
    border-radius: 8px;
    font-weight: 800;
  }
  .status[data-status='waiting']::before {
    content: '● ';
  }
  .status[data-status='called']::before,
  .status[data-status='serving']::before {
    content: '▶ ';
  }
  .status[data-status='done']::before {
    content: '✔ ';
  }
  .status[data-status='no_show']::before,
  .status[data-status='cancelled']::before {
    content: '✕ ';
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 10px;
  }
  .figure {
    display: grid;
    gap: 2px;
    padding: 12px;
    border: 3px solid #111;
    border-radius: 12px;
    background: var(--p-soft);
  }
  .figure .k {
    font-size: 18px;
    color: var(--p-muted);
  }
  .figure .v {
    font-size: 34px;
    line-height: 1.1;
    font-weight: 900;
    font-variant-numeric: tabular-nums;
  }
  .figure .v.small {
    font-size: 24px;
  }
  .quieter {
    margin: 0;
    padding: 12px 14px;
    border: 3px dashed #111;
    border-radius: 12px;
    background: var(--p-warn);
    font-size: 21px;
    font-weight: 700;
  }
  .next {
    font-size: 22px;
    font-weight: 800;
  }
  .outcome {
    display: grid;
    gap: 6px;
    padding: 16px;
    border: 4px solid #111;
    border-left-width: 14px;
    border-radius: 12px;
  }
  .outcome h2 {
    font-size: 28px;
  }
  .outcome.done {
    background: #e9f7ec;
  }
  .outcome.done h2::before {
    content: '✔ ';
  }
  .outcome.no_show,
  .outcome.cancelled,
  .outcome.day_end,
  .outcome.gone {
    background: #fff0f0;
    border-style: dashed;
    border-left-width: 4px;
  }
  .outcome.no_show h2::before,
  .outcome.cancelled h2::before,
  .outcome.day_end h2::before,
  .outcome.gone h2::before {
    content: '✕ ';
  }
  .outcome.transferred h2::before,
  .outcome.serving h2::before {
    content: '▶ ';
  }
  .alerts {
    display: grid;
    gap: 6px;
  }
  .alerts button {
    text-align: center;
    font-weight: 800;
  }
  .alerts-state {
    font-weight: 700;
  }
  .alerts-state::before {
    content: '◉ ';
  }
  .updated {
    font-size: 17px;
    color: var(--p-muted);
  }
  .message {
    padding: 24px 16px;
    font-size: 22px;
  }
  /* 一件事一次办: the route, steps done ticked, the current one marked. */
  .journey h2 {
    margin: 0;
    font-size: 22px;
  }
  .journey .step {
    margin: 0;
    font-size: 24px;
    font-weight: 800;
  }
  .journey ol {
    margin: 0;
    padding-left: 1.6em;
    display: grid;
    gap: 4px;
    font-size: 19px;
  }
  .journey li.done {
    color: var(--p-muted);
  }
  .journey li.done::after {
    content: ' ✓';
  }
  .journey li.current {
    font-weight: 800;
  }
  .journey li.current::after {
    content: ' ◀';
  }
  /* A ticket of an earlier day: its date said before anything else. */
  .past-note {
    padding: 10px 14px;
    border: 3px solid #111;
    border-radius: 10px;
    background: #fff7d6;
    font-size: 20px;
    font-weight: 800;
  }
`;
