/** The look of `<qms-staffing-advice>`: areas × hours, short cells red, spare ones grey. */
import { css } from 'lit';

export const staffingAdviceStyles = css`
  :host {
    display: grid;
    gap: 0.8rem;
    align-content: start;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem;
    align-items: center;
  }
  .bar button[aria-pressed='true'] {
    outline: 2px solid var(--qms-accent);
  }
  .scroll {
    overflow-x: auto;
  }
  td.cell {
    text-align: center;
    white-space: nowrap;
  }
  td.cell small {
    display: block;
    opacity: 0.7;
    font-size: 0.75em;
  }
  td.short {
    background: #7a1f1f;
    color: #fff;
    font-weight: 800;
  }
  td.spare {
    color: #9aa4b2;
  }
  .error {
    color: #ffb3b3;
  }
`;
