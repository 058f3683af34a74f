/** The look of `<qms-area-tile>`. */
import { css } from 'lit';

export const areaTileStyles = css`
  :host {
    display: block;
  }
  article {
    height: 100%;
    display: grid;
    grid-template-rows: auto 1fr auto;
    gap: 0.2rem;
    padding: 0.4rem 0.7rem;
    background: var(--m-panel);
    border: 2px solid var(--m-line);
    border-left: 10px solid var(--level);
    border-radius: 10px;
  }
  article.level-warn,
  article.level-alert {
    border-color: var(--level);
    border-left-width: 10px;
  }
  article.level-alert {
    background: #3a1c2a;
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .prefix {
    font-weight: 800;
    font-size: 1.1rem;
    background: #fff;
    color: #0b1a2e;
    border-radius: 4px;
    padding: 0 0.35rem;
  }
  .name {
    font-weight: 700;
    font-size: 1.1rem;
    flex: 1;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .body {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.8rem;
    align-items: center;
  }
  .main {
    display: grid;
    justify-items: center;
    min-width: 4.5rem;
  }
  .main .k {
    color: var(--qms-muted);
    font-size: 0.85rem;
  }
  .waiting {
    font-size: 2rem;
    font-weight: 800;
    line-height: 1.1;
    font-variant-numeric: tabular-nums;
  }
  dl {
    margin: 0;
    display: grid;
    grid-template-columns: auto auto;
    gap: 0 0.6rem;
    align-items: baseline;
  }
  dt {
    color: var(--qms-muted);
    font-size: 0.85rem;
  }
  dd {
    margin: 0;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    text-align: right;
  }
  footer {
    font-size: 0.8rem;
    color: var(--qms-muted);
  }
`;
