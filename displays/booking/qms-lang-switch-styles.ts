/** The look of `<qms-lang-switch>`. */
import { css } from 'lit';

export const langSwitchStyles = css`
  button {
    font: inherit;
    font-size: 18px;
    font-weight: 700;
    min-height: 44px;
    min-width: 44px;
    padding: 6px 12px;
    color: #111;
    background: #fff;
    border: 3px solid #111;
    border-radius: 22px;
    cursor: pointer;
    white-space: nowrap;
  }
  button:focus-visible {
    outline: 4px solid #ff8c00;
    outline-offset: 2px;
  }
`;
