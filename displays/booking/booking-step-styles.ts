/**
 * What the booking wizard's steps share: each step lays out like the page's main column, and offers
 * its choices as large buttons in a list, the chosen one marked by a thick border and a tick.
 */
import { css } from 'lit';

export const bookingStepStyles = css`
  :host {
    display: grid;
    gap: 18px;
    min-height: 0;
  }
  .list {
    display: grid;
    gap: 10px;
  }
  button.choice {
    display: grid;
    gap: 2px;
    width: 100%;
  }
  .choice .name {
    font-size: 22px;
    font-weight: 800;
  }
  .choice .sub {
    font-size: 18px;
    color: var(--p-muted);
  }
  .prefix {
    display: inline-block;
    min-width: 1.6em;
    margin-right: 8px;
    padding: 0 6px;
    border: 2px solid #111;
    border-radius: 6px;
    text-align: center;
    font-weight: 900;
  }
  button[aria-pressed='true'] {
    border-width: 5px;
    background: var(--p-soft);
  }
  button[aria-pressed='true']::after {
    content: '✔';
    font-weight: 900;
  }
`;
