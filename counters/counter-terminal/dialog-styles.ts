/** The look the counter's dialogs share: large targets, a visible pressed state (not colour alone). */
import { css } from 'lit';

export const dialogStyles = css`
  dialog {
    width: min(52rem, 92vw);
    padding: 1.6rem 2rem;
    border: 3px solid var(--qms-accent);
    border-radius: 14px;
    background: var(--qms-panel);
    color: var(--qms-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 60%);
  }
  h2 {
    margin: 0 0 0.4rem;
    font-size: 1.8rem;
  }
  .hint {
    margin: 0 0 1rem;
    color: var(--qms-muted);
    font-size: 1.1rem;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 1rem;
  }
  legend {
    font-size: 1.2rem;
    margin-bottom: 0.6rem;
  }
  .choices {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0.8rem;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 10px;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.8rem;
    min-height: 4rem;
    padding: 0.6rem 1rem;
    font-size: 1.35rem;
    font-weight: 700;
    text-align: left;
    color: var(--qms-text);
    background: #1d3a66;
    border: 3px solid #6b86b3;
  }
  .choice[aria-pressed='true'] {
    border: 5px double var(--qms-accent);
    background: #2b5190;
  }
  .choice[aria-pressed='true']::before {
    content: '✓';
  }
  .prefix {
    display: inline-block;
    min-width: 2.4rem;
    text-align: center;
    border: 2px solid currentColor;
    border-radius: 6px;
    font-weight: 900;
  }
  .other {
    display: grid;
    gap: 0.4rem;
    font-size: 1.1rem;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 1rem;
    margin-top: 1.4rem;
  }
  .cancel,
  .confirm {
    min-width: 9rem;
    padding: 0.8rem 1.4rem;
    font-size: 1.3rem;
    font-weight: 700;
  }
  .cancel {
    background: transparent;
    color: var(--qms-text);
    border: 2px solid var(--qms-muted);
  }
  .confirm {
    background: var(--qms-accent);
    color: #111;
    border: 2px solid var(--qms-accent);
  }
  .confirm:disabled {
    cursor: not-allowed;
    color: #8da0bd;
    background: transparent;
    border: 2px dashed #4a6590;
  }
  kbd {
    font-family: inherit;
    font-size: 0.85em;
    font-weight: 700;
    padding: 0 0.4rem;
    border: 2px solid currentColor;
    border-radius: 6px;
  }
`;
