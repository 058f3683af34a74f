/** The look of `<qms-sms-opt-in>`. */
import { css } from 'lit';

export const smsOptInStyles = css`
  :host {
    display: block;
  }
  .sms {
    display: grid;
    gap: 10px;
    padding: 14px 16px;
    border: 3px solid var(--p-line);
    border-radius: 12px;
    background: #fff;
  }
  h2 {
    margin: 0;
    font-size: 22px;
  }
  form {
    display: grid;
    gap: 10px;
  }
  .cancel,
  .again {
    text-align: center;
  }
  .sent {
    font-weight: 700;
  }
  .on {
    font-weight: 800;
    font-size: 20px;
  }
`;
