/** The look of `<qms-stats-report>`. */
import { css } from 'lit';

export const statsReportStyles = css`
  :host {
    display: grid;
    gap: 0.8rem;
    align-content: start;
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(10, minmax(0, 1fr));
    gap: 0.5rem;
  }
  .card {
    background: var(--m-panel);
    border: 1px solid var(--m-line);
    border-radius: 10px;
    padding: 0.5rem 0.7rem;
  }
  .card .k {
    color: var(--qms-muted);
    font-size: 0.85rem;
  }
  .card .v {
    font-size: 1.5rem;
    font-weight: 800;
    font-variant-numeric: tabular-nums;
  }
  .tables {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0.8rem;
  }
  .error {
    color: #ffb3b3;
  }
  .definition {
    font-size: 0.85rem;
  }
  .charts {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0.8rem;
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-weight: 700;
    margin-bottom: 0.3rem;
  }
  .box {
    position: relative;
    height: 15rem;
  }
  sup {
    color: var(--qms-accent);
    font-weight: 800;
  }
  .footnote {
    font-size: 0.85rem;
    margin: 0.4rem 0 0;
  }
`;
