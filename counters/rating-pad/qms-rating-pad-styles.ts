/** The look of `<qms-rating-pad>`. */
import { css } from 'lit';

export const ratingPadStyles = css`
  .pad {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr) auto auto;
    height: 100%;
    box-sizing: border-box;
    padding: 3vmin 4vmin;
    gap: 2.5vmin;
    text-align: center;
  }
  h1 {
    margin: 0;
    font-size: 6vmin;
  }
  .sub {
    margin: 1vmin 0 0;
    font-size: 4vmin;
    color: var(--qms-muted);
  }
  .centre {
    display: grid;
    place-content: center;
    gap: 3vmin;
  }
  .big-word {
    font-size: 10vmin;
    font-weight: 900;
  }
  .scores {
    display: grid;
    grid-template-columns: repeat(5, minmax(0, 1fr));
    gap: 2vmin;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  .score {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 2vmin;
    padding: 2vmin 1vmin;
    font-size: 5vmin;
    font-weight: 800;
    color: #111;
    background: #f2f5fa;
    border: 0.6vmin solid #f2f5fa;
    border-radius: 2.4vmin;
  }
  .score .stars {
    font-size: 4.2vmin;
    letter-spacing: 0.1em;
    color: #b07800;
  }
  .score.low {
    background: #ffe3e3;
    border-color: #ffe3e3;
  }
  .tags {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(30vmin, 1fr));
    gap: 2vmin;
    align-content: center;
  }
  .tag {
    min-height: 14vmin;
    font-size: 4.6vmin;
    font-weight: 700;
    color: var(--qms-text);
    background: #1d3a66;
    border: 0.5vmin solid #6b86b3;
    border-radius: 2vmin;
  }
  .tag[aria-pressed='true'] {
    color: #111;
    background: var(--qms-accent);
    border: 1vmin double #111;
  }
  .tag[aria-pressed='true']::before {
    content: '✓ ';
  }
  .row {
    display: flex;
    justify-content: center;
    gap: 3vmin;
  }
  .submit,
  .back {
    min-width: 30vmin;
    padding: 2vmin 4vmin;
    font-size: 4.6vmin;
    font-weight: 800;
    border-radius: 2vmin;
  }
  .submit {
    color: #111;
    background: var(--qms-accent);
    border: 0;
  }
  .submit:disabled {
    opacity: 0.5;
  }
  .back {
    color: var(--qms-text);
    background: transparent;
    border: 0.4vmin solid var(--qms-muted);
  }
  .error {
    font-size: 4vmin;
    font-weight: 700;
    color: #000;
    background: #ffd0d0;
    border: 0.6vmin double #b00020;
    border-radius: 1.6vmin;
    padding: 1vmin 3vmin;
  }
  .clerk {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 2.5vmin;
    min-height: 12vmin;
    font-size: 3.6vmin;
    text-align: left;
    border-top: 0.3vmin solid #2c4a78;
    padding-top: 1.5vmin;
  }
  .clerk.none {
    color: var(--qms-muted);
  }
  .portrait {
    display: grid;
    place-items: center;
    width: 11vmin;
    height: 11vmin;
    border-radius: 50%;
    font-size: 5.5vmin;
    font-weight: 800;
    color: #0b1a2e;
    background: #c9d6ea;
    flex: none;
  }
  .who {
    display: flex;
    align-items: baseline;
    flex-wrap: wrap;
    gap: 0.5vmin 2.5vmin;
  }
  .who .label {
    color: var(--qms-muted);
  }
  .who .name {
    font-size: 4.6vmin;
    font-weight: 800;
  }
  .who .staff-no {
    font-weight: 700;
  }
  .contact {
    display: grid;
    align-content: center;
    gap: 2vmin;
    text-align: left;
    width: min(100%, 130vmin);
    margin: 0 auto;
    min-height: 0;
    overflow: auto;
  }
  .field {
    display: grid;
    gap: 1vmin;
    font-size: 3.8vmin;
    font-weight: 700;
  }
  .field textarea,
  .field input {
    font: inherit;
    font-weight: 400;
    font-size: 4vmin;
    padding: 1.2vmin 2vmin;
    color: #111;
    background: #f2f5fa;
    border: 0.5vmin solid #6b86b3;
    border-radius: 1.6vmin;
    resize: none;
  }
  .field input[aria-invalid='true'] {
    border-color: #ff6b6b;
  }
  .note {
    margin: 0;
    font-size: 3vmin;
    color: var(--qms-muted);
  }
  .note.bad {
    color: #ffb3b3;
    font-weight: 700;
  }
  @media (orientation: portrait) {
    .scores {
      grid-template-columns: minmax(0, 1fr);
    }
    .score {
      flex-direction: row;
      justify-content: space-between;
      padding: 2vmin 5vmin;
    }
  }
`;
