/** The look of `<qms-hall-charts>`. */
import { css } from 'lit';

export const hallChartsStyles = css`
  :host {
    display: grid;
    gap: 0.5rem;
    min-height: 0;
  }
  figure {
    margin: 0;
    display: grid;
    grid-template-rows: auto 1fr;
    min-height: 0;
  }
  figcaption {
    font-size: 0.95rem;
    font-weight: 700;
    margin-bottom: 0.2rem;
  }
  .box {
    position: relative;
    min-height: 0;
  }
  canvas {
    position: absolute;
    inset: 0;
  }
`;
