/** The notices section's own look, over the console's shared one (`admin-styles.ts`). */
import { css } from 'lit';

export const noticesStyles = css`
  .head {
    display: flex;
    align-items: baseline;
    gap: 1rem;
  }
  .panel > h3:first-child {
    margin-top: 0;
  }
  /* The shared hover turns a button pale; a primary one keeps its colour so its words stay readable. */
  button.primary:hover:not([disabled]) {
    background: #174f9e;
  }
  .lifetime {
    margin: 0 0 1rem;
  }
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 1rem;
    align-items: start;
  }
  form label {
    display: flex;
    width: 100%;
    margin-right: 0;
  }
  textarea {
    width: 100%;
    min-height: 7rem;
    resize: vertical;
    line-height: 1.5;
  }
  .formbar {
    display: flex;
    align-items: center;
    gap: 1rem;
  }
  .counter {
    margin-left: auto;
    font-size: 0.9rem;
  }
  .counter.over {
    color: var(--a-bad);
    font-weight: 600;
  }
  ul.notices {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ul.notices li {
    display: flex;
    align-items: flex-start;
    gap: 1rem;
    padding: 0.6rem 0;
    border-bottom: 1px solid var(--a-line);
  }
  ul.notices li:last-child {
    border-bottom: none;
  }
  ul.notices .text {
    flex: 1;
    line-height: 1.5;
    overflow-wrap: anywhere;
  }
  .dates {
    display: flex;
    gap: 1rem;
    flex-wrap: wrap;
    margin-top: 0.6rem;
  }
  .dates label {
    width: auto;
  }
  ul.notices .validity {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 0.2rem;
    white-space: nowrap;
    font-size: 0.9rem;
  }
  .status {
    border-radius: 4px;
    padding: 0.05rem 0.5rem;
    font-size: 0.85rem;
  }
  .status.showing {
    background: #e3f2e7;
    color: #1e6b35;
  }
  .status.upcoming {
    background: #e6eefb;
    color: #1d3f7a;
  }
  .status.ended {
    background: #eceff3;
    color: var(--a-muted);
  }
  h3.today-only {
    margin-top: 1.2rem;
  }
`;
