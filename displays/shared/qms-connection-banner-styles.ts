/** The look of `<qms-connection-banner>`. */
import { css } from 'lit';

export const connectionBannerStyles = css`
  :host {
    position: fixed;
    top: 0;
    left: 50%;
    transform: translateX(-50%);
    z-index: 100;
  }
  :host([placement='bottom']) {
    top: auto;
    bottom: 0;
  }
  div {
    margin: 1.2vmin 0;
    padding: 0.8vmin 3vmin;
    font-size: max(18px, 3.2vmin);
    font-weight: 700;
    white-space: nowrap;
    color: #000;
    background: var(--qms-warn);
    border: 0.5vmin dashed #000;
    border-radius: 1vmin;
    box-shadow: 0 0 0 0.5vmin var(--qms-warn);
  }
`;
