/** The look of `<qms-booking-dates>`. */
import { css } from 'lit';

export const bookingDatesStyles = css`
  button.day .when {
    font-size: 22px;
    font-weight: 800;
  }
  .rel {
    margin-left: 8px;
    padding: 0 8px;
    border: 2px solid #111;
    border-radius: 999px;
    font-size: 17px;
    font-weight: 700;
  }
  .special {
    font-weight: 800;
  }
  .special::before {
    content: '＋ ';
  }
  button.closed {
    border-style: dashed;
    color: #333;
    background: repeating-linear-gradient(135deg, #fff 0 10px, #ececec 10px 20px);
  }
  button.closed .when {
    text-decoration: none;
  }
  /* Places left for the chosen service, the day's deciding figure. */
  .places {
    justify-self: start;
    margin-top: 4px;
    padding: 0 10px;
    border: 2px solid #0a5c2a;
    border-radius: 8px;
    color: #0a5c2a;
    font-size: 19px;
    font-weight: 800;
  }
  .places.none {
    border-color: #333;
    color: #333;
  }
  button.full {
    border-style: dashed;
    color: #333;
  }
`;
