/** The look of `<qms-kiosk-keypad>`. */
import { css } from 'lit';

export const kioskKeypadStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 36px;
  }
  header {
    align-self: stretch;
    display: flex;
    align-items: center;
    gap: 32px;
  }
  h1 {
    margin: 0;
    font-size: 60px;
  }
  .prompt {
    font-size: 44px;
    color: var(--k-muted);
  }
  output {
    display: block;
    min-width: 760px;
    min-height: 150px;
    padding: 16px 32px;
    border: 4px solid var(--k-accent);
    border-radius: 24px;
    background: #fff;
    color: #111;
    font-size: 96px;
    font-weight: 800;
    letter-spacing: 0.15em;
    text-align: center;
    font-variant-numeric: tabular-nums;
    max-width: 900px;
    overflow-wrap: anywhere;
  }
  output.long {
    font-size: 32px;
    letter-spacing: 0;
    font-weight: 600;
  }
  .prompt {
    max-width: 960px;
    text-align: center;
  }
  .letters {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 18px;
    max-width: 960px;
  }
  .letters button {
    width: 100px;
    height: 110px;
    border: 0;
    border-radius: 20px;
    background: #fdf1d8;
    color: #111;
    font-size: 64px;
    font-weight: 800;
  }
  .pad {
    display: grid;
    grid-template-columns: repeat(3, 230px);
    gap: 24px;
  }
  .pad button {
    height: 170px;
    border: 0;
    border-radius: 24px;
    background: #e8eef8;
    color: #111;
    font-size: 80px;
    font-weight: 800;
  }
  /* With letter keys above, the digits are shorter so that 确认 stays on the screen. */
  .pad.short button {
    height: 130px;
  }
  .pad button.fn {
    background: var(--k-panel-2);
    color: var(--k-text);
    border: 3px solid var(--k-line);
    font-size: 44px;
  }
  .primary {
    width: 738px;
  }
  .alert {
    width: 900px;
    text-align: center;
  }
  .skip {
    width: 738px;
    min-height: 96px;
    border: 3px solid var(--k-line);
    border-radius: 24px;
    background: var(--k-panel-2);
    color: var(--k-text);
    font-size: 40px;
  }
  /* 实名取号: the privacy notice must stay on the portrait screen, also under an answer. */
  :host(.identity) {
    gap: 20px;
  }
  :host(.identity) .pad.short button {
    height: 112px;
  }
  /* The privacy notice: what is kept and for how long, readable but not in the way. */
  .note {
    max-width: 960px;
    font-size: 26px;
    line-height: 1.5;
    color: var(--k-muted);
  }
`;
