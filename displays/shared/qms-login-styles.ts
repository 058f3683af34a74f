/** The look of `<qms-login>`. */
import { css } from 'lit';

export const loginStyles = css`
  :host {
    display: flex;
    min-height: 100vh;
    align-items: center;
    justify-content: center;
    background: var(--qms-bg);
    color: var(--qms-text);
  }
  /* The landmark only: the form lays out as before. */
  main {
    display: contents;
  }
  form {
    display: grid;
    gap: 1rem;
    width: min(28rem, 90vw);
    padding: 2rem;
    background: var(--qms-panel);
    border-radius: 12px;
  }
  h1 {
    margin: 0 0 0.5rem;
    font-size: 1.8rem;
  }
  label {
    display: grid;
    gap: 0.3rem;
    font-size: 1.2rem;
  }
  input {
    font: inherit;
    font-size: 1.3rem;
    padding: 0.6rem;
    border-radius: 6px;
    border: 2px solid #6b86b3;
  }
  button {
    font: inherit;
    font-size: 1.4rem;
    padding: 0.7rem;
    border: 0;
    border-radius: 8px;
    background: var(--qms-accent);
    color: #111;
    font-weight: 700;
    cursor: pointer;
  }
  button.switch {
    background: transparent;
    color: var(--qms-text);
    border: 2px solid #6b86b3;
    font-weight: 400;
    font-size: 1.1rem;
  }
  .error {
    color: #ffb3b3;
    font-size: 1.1rem;
    min-height: 1.5em;
  }
  .rules {
    font-size: 1.05rem;
    line-height: 1.5;
  }
  .rules ul {
    margin: 0.2rem 0 0;
    padding-left: 0.4rem;
    list-style: none;
  }
  .rules li.kept {
    color: #9be89b;
  }
  .intro {
    font-size: 1.05rem;
    line-height: 1.6;
    margin: 0;
  }
  /* The QR code on white with its quiet zone, large enough for a phone held at arm's length. */
  img.qr {
    display: block;
    margin: 0 auto;
    width: 14rem;
    height: 14rem;
    background: #fff;
    border-radius: 6px;
  }
  .manual {
    font-size: 1rem;
    margin: 0;
  }
  code {
    font-family: 'DejaVu Sans Mono', monospace;
    font-size: 1.1rem;
    letter-spacing: 0.05em;
    user-select: all;
  }
  ol.recovery {
    columns: 2;
    margin: 0;
    padding-left: 2rem;
    line-height: 1.8;
  }
`;
