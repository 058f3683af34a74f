/** The look of `<qms-booking>`: the frame; each step brings its own. */
import { css } from 'lit';

export const bookingStyles = css`
  .message {
    padding: 24px 16px;
    font-size: 22px;
  }
`;
