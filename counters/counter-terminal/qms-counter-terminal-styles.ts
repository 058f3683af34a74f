/** The look of `<qms-counter-terminal>`. */
import { css } from 'lit';

export const counterTerminalStyles = css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--qms-bg);
    color: var(--qms-text);
    /* 18px on a 1366-wide counter screen, larger on a bigger one: the desk fills what it has. */
    font-size: clamp(16px, 1.32vw, 24px);
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1.2rem;
    padding: 0.5rem 1rem;
    background: #050e1a;
    border-bottom: 4px solid var(--qms-accent);
  }
  .title {
    margin: 0;
    font-size: 1.5rem;
    font-weight: 700;
    white-space: nowrap;
  }
  main:focus {
    outline: none;
  }
  .status {
    font-size: 1.2rem;
    font-weight: 700;
    padding: 0.15rem 0.9rem;
    border: 2px solid currentColor;
    border-radius: 8px;
  }
  .status.paused,
  .status.closed {
    color: #000;
    background: var(--qms-warn);
    border-color: #000;
  }
  .who {
    margin-left: auto;
    font-size: 1.1rem;
    color: var(--qms-muted);
  }
  .link {
    padding: 0.4rem 0.9rem;
    font-size: 1rem;
    color: var(--qms-text);
    background: transparent;
    border: 2px solid #6b86b3;
    border-radius: 8px;
  }
  .link:disabled {
    opacity: 0.45;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr);
    gap: 1rem;
    padding: 0.7rem 1rem;
  }
  .side {
    display: grid;
    gap: 0.7rem;
    align-content: start;
  }
  .panel {
    padding: 0.8rem 1rem;
    background: var(--qms-panel);
    border-radius: 14px;
  }
  h2 {
    margin: 0 0 0.4rem;
    font-size: 1.1rem;
    font-weight: 700;
    color: var(--qms-muted);
  }
  .ticket-head {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 0.8rem 1.2rem;
  }
  .ticket-number {
    font-size: 4.4rem;
    line-height: 1.05;
    font-weight: 900;
    color: var(--qms-accent);
    font-variant-numeric: tabular-nums;
  }
  .badge {
    padding: 0.2rem 0.8rem;
    font-size: 1.3rem;
    font-weight: 700;
    border: 3px double currentColor;
    border-radius: 8px;
  }
  .badge.priority {
    color: #000;
    background: var(--qms-accent);
  }
  dl {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.3rem 1rem;
    margin: 0.5rem 0 0;
    font-size: 1.15rem;
  }
  dt {
    color: var(--qms-muted);
  }
  dd {
    margin: 0;
    font-weight: 700;
  }
  .empty {
    font-size: 1.3rem;
    padding: 1rem 0;
    color: var(--qms-muted);
  }
  .actions {
    display: grid;
    grid-template-columns: repeat(5, minmax(0, 1fr));
    gap: 0.6rem;
  }
  .offline-actions {
    grid-column: 1 / -1;
    margin: 0;
    padding: 0.5rem 0.8rem;
    font-size: 1.15rem;
    font-weight: 700;
    color: #000;
    background: var(--qms-warn);
    border-radius: 8px;
  }
  .action {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.3rem;
    min-height: clamp(4.4rem, 11vh, 7rem);
    padding: 0.4rem 0.3rem;
    font-size: 1.35rem;
    line-height: 1.15;
    text-align: center;
    overflow-wrap: anywhere;
    font-weight: 800;
    color: #111;
    background: #f2f5fa;
    border: 3px solid #f2f5fa;
    border-radius: 12px;
  }
  .action.primary {
    background: var(--qms-accent);
    border-color: var(--qms-accent);
  }
  .action.danger:not(:disabled) {
    border-color: var(--qms-warn);
    border-style: double;
    border-width: 5px;
  }
  .action:disabled {
    color: #8da0bd;
    background: transparent;
    border: 3px dashed #4a6590;
  }
  kbd {
    font-family: inherit;
    font-size: 1rem;
    font-weight: 700;
    padding: 0.1rem 0.5rem;
    border: 2px solid currentColor;
    border-radius: 6px;
  }
  form.call-number {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.6rem;
    margin-top: 0.6rem;
  }
  form.call-number label {
    display: grid;
    gap: 0.2rem;
    font-size: 1rem;
  }
  form.call-number input {
    width: 10rem;
    font: inherit;
    font-size: 1.3rem;
    padding: 0.25rem 0.5rem;
    text-transform: uppercase;
    border: 2px solid #6b86b3;
    border-radius: 8px;
  }
  form.call-number button {
    padding: 0.4rem 1rem;
    font-size: 1.15rem;
    font-weight: 700;
    color: #111;
    background: #f2f5fa;
    border: 0;
    border-radius: 8px;
  }
  form.call-number button:disabled {
    opacity: 0.45;
  }
  form.case-number input,
  form.park input {
    width: min(22rem, 100%);
    text-transform: none;
  }
  form.call-number button.assistance {
    background: var(--qms-warn);
  }
  .missed {
    border: 2px solid var(--qms-warn);
  }
  .missed .until {
    font-size: 1rem;
    font-weight: 600;
    color: var(--qms-muted);
  }
  .missed button.undo {
    background: var(--qms-warn);
  }
  .missed ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.8rem;
  }
  .missed li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    font-size: 1.35rem;
    font-weight: 800;
  }
  .missed button {
    padding: 0.3rem 0.7rem;
    font: inherit;
    font-size: 1rem;
    font-weight: 700;
    border: 0;
    border-radius: 8px;
    background: var(--qms-accent);
    color: #111;
  }
  .parked li {
    width: 100%;
  }
  .parked .reason {
    flex: 1;
    font-size: 1.15rem;
    font-weight: 600;
    color: var(--qms-muted);
  }

  .missed button:disabled {
    opacity: 0.45;
  }
  .waiting ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.3rem;
  }
  .waiting li {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto auto;
    gap: 1rem;
    align-items: baseline;
    font-size: 1.2rem;
  }
  .waiting .area-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .next-up-title {
    margin-top: 0.5rem;
  }
  ol.next-up {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 1.2rem;
    font-size: 1.35rem;
  }
  ol.next-up li {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  ol.next-up .pos {
    color: var(--qms-muted);
    font-size: 1rem;
  }
  ol.next-up .n {
    font-weight: 800;
    font-variant-numeric: tabular-nums;
  }
  .badge.small {
    font-size: 0.95rem;
    padding: 0 0.4rem;
    border-width: 2px;
    border-style: solid;
  }
  .waiting .count {
    font-weight: 800;
  }
  .waiting .longest {
    color: var(--qms-muted);
  }
  .note {
    margin: 0.5rem 1rem 0;
    padding: 0.35rem 1rem;
    font-size: 1.2rem;
    font-weight: 700;
    border-radius: 10px;
    min-height: 2.4rem;
    box-sizing: border-box;
  }
  .note.ok {
    border: 2px solid var(--qms-ok);
  }
  .note.error {
    color: #000;
    background: #ffd0d0;
    border: 4px double #b00020;
  }
  .note.error::before {
    content: '! ';
  }
  .gate {
    display: grid;
    justify-items: start;
    gap: 1rem;
    padding: 2rem 1.4rem;
    font-size: 1.5rem;
  }
  .big {
    padding: 1rem 2.2rem;
    font-size: 1.8rem;
    font-weight: 800;
    color: #111;
    background: var(--qms-accent);
    border: 0;
    border-radius: 12px;
  }
  .windows {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: 0.8rem;
    width: 100%;
  }
  .windows button {
    display: grid;
    align-content: start;
    gap: 0.2rem;
    padding: 0.8rem 1rem;
    text-align: left;
    color: var(--qms-text);
    background: var(--qms-panel);
    border: 2px solid #6b86b3;
    border-radius: 10px;
  }
  .windows .n {
    font-size: 1.5rem;
    font-weight: 800;
  }
  .message {
    padding: 3rem;
    font-size: 1.5rem;
    text-align: center;
  }
  @media (max-width: 1100px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .action .keys {
    display: flex;
    justify-content: center;
    gap: 4px;
  }
  /* 按键说明: a card over the desk's corner; the desk stays usable behind it. */
  .keys-help {
    position: fixed;
    right: 16px;
    top: 64px;
    z-index: 10;
    width: 420px;
    padding: 12px 16px;
    border-radius: 12px;
    background: #fff;
    color: #111;
    box-shadow: 0 8px 32px rgba(0, 0, 0, 0.35);
  }
  .keys-help h2 {
    margin: 0 0 8px;
    font-size: 20px;
    color: #0b1a2e;
  }
  .keys-help td kbd {
    margin-left: 4px;
  }
  .keys-help button.link {
    color: #0b1a2e;
    border-color: #0b1a2e;
  }
  .keys-help table {
    width: 100%;
    border-collapse: collapse;
    font-size: 16px;
  }
  .keys-help th {
    text-align: left;
    font-weight: 600;
    padding: 3px 0;
  }
  .keys-help td {
    text-align: right;
  }
  .keys-help .hint {
    font-size: 14px;
    color: #444;
  }
  dd.identity {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
  }
`;
