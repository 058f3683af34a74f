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
  ::slotted(*) {
    margin: 0;
  }
`;
