/** The look of `<qms-date-range>`. */
import { css } from 'lit';

export const dateRangeStyles = css`
  :host {
    display: block;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem;
    align-items: center;
  }
  .quick {
    display: flex;
    gap: 0.3rem;
    margin-right: 0.6rem;
  }
  .quick button {
    padding: 0.35rem 0.9rem;
    border-radius: 999px;
    border: 1px solid var(--m-line);
    background: transparent;
    color: var(--qms-text);
    font: inherit;
    cursor: pointer;
  }
  .quick button[aria-pressed='true'] {
    background: var(--qms-accent);
    color: #111;
    font-weight: 700;
  }
  ::slotted(*) {
    margin: 0;
  }
`;
