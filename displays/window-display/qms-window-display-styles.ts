/** The look of `<qms-window-display>`. */
import { css } from 'lit';

export const windowDisplayStyles = css`
  .screen {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr) auto;
    height: 100%;
  }
  header {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 1vmin 3vmin;
    padding: 2vmin 3vmin;
    background: #050e1a;
    border-bottom: 0.6vmin solid var(--qms-accent);
  }
  /* The window's number and name: the screen's one heading. */
  h1 {
    margin: 0;
    min-width: 0;
    display: flex;
    align-items: baseline;
    gap: 3vmin;
    font-weight: 700;
  }
  .number {
    font-size: 9vmin;
    font-weight: 900;
    white-space: nowrap;
  }
  .name {
    min-width: 0;
    font-size: 5.6vmin;
    font-weight: 700;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .areas {
    grid-column: 1 / -1;
    font-size: 3.4vmin;
    color: var(--qms-muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .status {
    font-size: 4vmin;
    font-weight: 700;
    padding: 0.4vmin 2.4vmin;
    border: 0.4vmin solid currentColor;
    border-radius: 1.2vmin;
    white-space: nowrap;
  }
  .status.paused,
  .status.closed {
    color: #000;
    background: var(--qms-warn);
    border-color: #000;
  }
  main {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 1vmin;
    min-height: 0;
    margin: 2.5vmin 3vmin;
    border: 0.8vmin solid #36557f;
    border-radius: 2vmin;
    background: var(--qms-panel);
    text-align: center;
  }
  main.fresh {
    border-color: var(--qms-accent);
    border-style: double;
    border-width: 1.4vmin;
  }
  .lead {
    font-size: 7vmin;
    font-weight: 700;
  }
  .ticket {
    font-size: 34vmin;
    line-height: 1;
    font-weight: 900;
    color: var(--qms-accent);
    font-variant-numeric: tabular-nums;
  }
  .trail {
    font-size: 6vmin;
    font-weight: 700;
  }
  .state-word {
    font-size: 20vmin;
    font-weight: 900;
    line-height: 1.1;
  }
  .hint {
    font-size: 5vmin;
    color: var(--qms-muted);
  }
  footer {
    display: flex;
    gap: 6vmin;
    padding: 1.6vmin 3vmin 2.4vmin;
    font-size: 4.4vmin;
    white-space: nowrap;
  }
  footer .k {
    color: var(--qms-muted);
    margin-right: 1.5vmin;
  }
  footer .v {
    font-weight: 700;
  }
`;
