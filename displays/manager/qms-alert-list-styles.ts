/** The look of `<qms-alert-list>`. */
import { css } from 'lit';

export const alertListStyles = css`
  :host {
    display: block;
    min-height: 0;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.35rem;
    overflow: auto;
    max-height: 100%;
  }
  li {
    display: grid;
    grid-template-columns: auto 1fr auto;
    gap: 0.5rem;
    align-items: start;
    padding: 0.35rem 0.55rem;
    border-radius: 8px;
    background: var(--m-panel-2);
    border-left: 6px solid var(--level);
    font-size: 0.95rem;
  }
  li.fresh {
    box-shadow: 0 0 0 2px var(--level);
  }
  .mark {
    color: var(--level);
    font-weight: 800;
  }
  .since {
    color: var(--qms-muted);
    font-size: 0.8rem;
    white-space: nowrap;
  }
  .assign {
    display: flex;
    gap: 0.4rem;
    margin-top: 0.3rem;
  }
  .assign select {
    min-width: 0;
    max-width: 100%;
    flex: 1;
    font: inherit;
  }
  .none {
    color: var(--qms-muted);
  }
`;
