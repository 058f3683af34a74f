/** The look of `<qms-manager-board>`. */
import { css } from 'lit';

export const managerBoardStyles = css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--m-bg);
  }
  .page {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr);
    height: 100vh;
  }
  header {
    display: flex;
    align-items: center;
    gap: 1rem;
    padding: 0.45rem 1rem;
    background: #050e1a;
    border-bottom: 3px solid var(--qms-accent);
  }
  .hall {
    margin: 0;
    font-size: 1.3rem;
    font-weight: 800;
    white-space: nowrap;
  }
  .session {
    border: 1px solid var(--qms-muted);
    border-radius: 6px;
    padding: 0.1rem 0.6rem;
    white-space: nowrap;
  }
  nav {
    display: flex;
    gap: 0.3rem;
    margin-left: 0.5rem;
  }
  nav button {
    font-size: 1rem;
    padding: 0.3rem 0.9rem;
    background: transparent;
    border-color: transparent;
  }
  nav button[aria-selected='true'] {
    background: var(--qms-accent);
    color: #111;
    font-weight: 800;
  }
  .spacer {
    flex: 1;
  }
  .clock {
    font-size: 1.3rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .user {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    white-space: nowrap;
  }
  main {
    min-height: 0;
    overflow: auto;
    padding: 0.6rem 0.8rem;
  }
  .live {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 30rem;
    grid-template-rows: auto auto minmax(0, 1fr) auto;
    gap: 0.6rem;
    height: 100%;
  }
  .totals {
    grid-column: 1;
    display: flex;
    gap: 1.6rem;
    align-items: baseline;
    padding: 0.35rem 0.9rem;
  }
  .totals div {
    display: flex;
    gap: 0.4rem;
    align-items: baseline;
  }
  .totals b {
    font-size: 1.5rem;
    font-variant-numeric: tabular-nums;
  }
  .tiles {
    grid-column: 1;
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: 0.5rem;
  }
  .windows {
    grid-column: 1;
    min-height: 0;
    overflow: auto;
  }
  qms-hall-controls {
    grid-column: 1;
  }
  .side {
    grid-column: 2;
    grid-row: 1 / span 4;
    display: grid;
    grid-template-rows: minmax(9rem, 14rem) minmax(0, 1fr);
    gap: 0.6rem;
    min-height: 0;
  }
  .alerts {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr);
    min-height: 0;
  }
  qms-hall-charts {
    grid-template-rows: repeat(3, minmax(0, 1fr));
  }
  .note {
    position: fixed;
    bottom: 1rem;
    left: 50%;
    transform: translateX(-50%);
    padding: 0.5rem 1.2rem;
    border-radius: 8px;
    font-weight: 700;
    z-index: 10;
  }
  .note.ok {
    background: var(--m-ok);
    color: #111;
  }
  .note.error {
    background: var(--m-alert);
    color: #111;
  }
  .message {
    padding: 3rem;
    font-size: 1.4rem;
  }
`;
