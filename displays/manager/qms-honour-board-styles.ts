/** The look of `<qms-honour-board>`. */
import { css } from 'lit';

export const honourBoardStyles = css`
  :host {
    display: grid;
    gap: 0.8rem;
    align-content: start;
  }
  .boards {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0.8rem;
  }
  tr.top td:first-child {
    font-weight: 800;
    color: var(--qms-accent);
  }
  .error {
    color: #ffb3b3;
  }
`;
