/** The look of `<qms-follow-up-list>`. */
import { css } from 'lit';

export const followUpListStyles = css`
  :host {
    display: grid;
    gap: 0.6rem;
    align-content: start;
  }
  .items {
    display: grid;
    gap: 0.6rem;
  }
  article {
    display: grid;
    grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr);
    gap: 0.8rem;
    padding: 0.7rem 0.9rem;
    border-radius: 10px;
    background: var(--m-panel);
    border: 1px solid var(--m-line);
    border-left: 10px solid var(--level);
  }
  article.overdue {
    background: #3a1c2a;
    border-color: var(--m-alert);
  }
  .facts {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.15rem 0.8rem;
    margin: 0;
  }
  dt {
    color: var(--qms-muted);
  }
  dd {
    margin: 0;
  }
  .head {
    display: flex;
    gap: 0.6rem;
    align-items: center;
    margin-bottom: 0.3rem;
  }
  .number {
    font-size: 1.3rem;
    font-weight: 800;
  }
  form {
    display: grid;
    gap: 0.4rem;
    align-content: start;
  }
  label.note {
    display: grid;
    gap: 0.25rem;
  }
  textarea {
    min-height: 4.5rem;
    resize: vertical;
  }
  .row {
    display: flex;
    gap: 0.6rem;
    align-items: center;
    justify-content: space-between;
  }
  ol {
    margin: 0.3rem 0 0;
    padding-left: 1.2rem;
    font-size: 0.9rem;
  }
  .error {
    color: #ffb3b3;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem 1.2rem;
    align-items: center;
  }
  .filters {
    display: flex;
    gap: 0.3rem;
  }
  .filters button {
    padding: 0.35rem 0.8rem;
    border-radius: 999px;
    border: 1px solid var(--m-line);
    background: transparent;
    color: var(--qms-text);
    font: inherit;
    cursor: pointer;
  }
  .filters button[aria-pressed='true'] {
    background: var(--qms-accent);
    color: #111;
    font-weight: 700;
  }
  .count {
    opacity: 0.8;
  }
  .search input {
    width: 20rem;
  }
  .contact {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
  }
  .reveal {
    margin-left: 0.6rem;
    font: inherit;
    font-size: 0.9rem;
    cursor: pointer;
  }
`;
