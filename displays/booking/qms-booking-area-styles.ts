/** The look of `<qms-booking-area>`. */
import { css } from 'lit';

export const bookingAreaStyles = css`
  .intro {
    font-size: 20px;
  }
  .search input {
    font-size: 20px;
  }
  .hit mark {
    background: var(--p-call);
    color: inherit;
  }
  .link {
    text-align: center;
    font-weight: 700;
    text-decoration: underline;
    border-style: solid;
  }
  .last .code {
    font-size: 28px;
    font-weight: 900;
    letter-spacing: 0.08em;
  }
`;
