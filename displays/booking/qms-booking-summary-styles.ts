/** The look of `<qms-booking-summary>`. */
import { css } from 'lit';

export const bookingSummaryStyles = css`
  :host {
    display: block;
    min-height: 0;
  }
  .summary dd {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 8px;
  }
  .summary button {
    min-height: 44px;
    padding: 4px 12px;
    font-size: 18px;
    flex: none;
  }
`;
