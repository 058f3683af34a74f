/** The look of `<qms-notice-marquee>`. */
import { css } from 'lit';

export const noticeMarqueeStyles = css`
  :host {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-items: stretch;
    /* The notices are read from across the hall too: the wall's smallest text (see the board's styles). */
    height: 7.5vmin;
    background: #050e1a;
    border-top: 0.4vmin solid var(--qms-accent);
    font-size: 5.2vmin;
    line-height: 1.2;
  }
  .label {
    display: flex;
    align-items: center;
    padding: 0 2.5vmin;
    font-weight: 700;
    color: #000;
    background: var(--qms-accent);
  }
  .track {
    position: relative;
    overflow: hidden;
  }
  .text {
    position: absolute;
    top: 50%;
    left: 0;
    white-space: nowrap;
    transform: translate(var(--from, 100%), -50%);
    animation: scroll var(--duration, 30s) linear var(--delay, 0s) infinite;
  }
  @keyframes scroll {
    from {
      transform: translate(var(--from, 100%), -50%);
    }
    to {
      transform: translate(var(--to, -100%), -50%);
    }
  }
`;
