/** The look of `<qms-window-grid>`. */
import { css } from 'lit';

export const windowGridStyles = css`
  :host {
    display: block;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(7, minmax(0, 1fr));
    gap: 0.45rem;
  }
  article {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: auto auto auto;
    gap: 0.15rem;
    padding: 0.3rem 0.45rem;
    border-radius: 8px;
    background: var(--m-panel);
    border: 1px solid var(--m-line);
    border-top: 6px solid var(--activity);
    font-size: 0.88rem;
    min-width: 0;
  }
  article.idle-alert {
    outline: 3px dashed var(--m-alert);
    outline-offset: -3px;
  }
  .top {
    display: flex;
    align-items: baseline;
    gap: 0.35rem;
  }
  .no {
    font-size: 1.15rem;
    font-weight: 800;
  }
  .wname {
    min-width: 0;
    color: var(--qms-muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .mid {
    display: flex;
    gap: 0.4rem;
    align-items: baseline;
    white-space: nowrap;
    overflow: hidden;
  }
  .activity {
    font-weight: 700;
  }
  .clerk {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .top .since {
    margin-left: auto;
    font-weight: 700;
    white-space: nowrap;
    flex: none;
  }
  .served {
    margin-left: auto;
    color: var(--qms-muted);
    font-size: 0.8rem;
    white-space: nowrap;
  }
  .activity::before {
    content: '';
    display: inline-block;
    width: 0.6em;
    height: 0.6em;
    margin-right: 0.3em;
    border-radius: 2px;
    background: var(--activity);
  }
  .since {
    font-variant-numeric: tabular-nums;
  }
  .ticket {
    font-weight: 800;
    font-size: 1rem;
    margin-left: auto;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.2rem;
  }
  .actions button {
    font-size: 0.8rem;
    padding: 0.1rem 0.4rem;
  }
`;
