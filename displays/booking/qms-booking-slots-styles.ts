/** The look of `<qms-booking-slots>`. */
import { css } from 'lit';

export const bookingSlotsStyles = css`
  .slots {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 10px;
  }
  button.slot {
    display: grid;
    justify-items: center;
    gap: 0;
    padding: 8px 4px;
    text-align: center;
  }
  .slot .t {
    font-size: 21px;
    font-weight: 800;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .slot .left {
    font-size: 18px;
  }
  button.slot.full {
    border-style: dashed;
    color: #333;
    background: repeating-linear-gradient(135deg, #fff 0 8px, #e6e6e6 8px 16px);
  }
  .slot.full .left {
    font-weight: 800;
  }
  .slot.full .left::before {
    content: '✕ ';
  }
  h3 {
    margin: 6px 0 0;
    font-size: 20px;
  }
`;
