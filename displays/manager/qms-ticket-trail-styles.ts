/** The look of `<qms-ticket-trail>`. */
import { css } from 'lit';

export const ticketTrailStyles = css`
  :host {
    display: grid;
    gap: 0.8rem;
    align-content: start;
  }
  form {
    display: flex;
    gap: 0.6rem;
    align-items: center;
  }
  .summary {
    font-size: 1.4rem;
    font-weight: 800;
  }
  .phases {
    display: flex;
    gap: 0.6rem;
  }
  .phase {
    background: var(--m-panel);
    border: 1px solid var(--m-line);
    border-radius: 10px;
    padding: 0.5rem 0.9rem;
  }
  .phase .v {
    font-size: 1.4rem;
    font-weight: 800;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    border-left: 3px solid var(--qms-accent);
  }
  li {
    display: grid;
    grid-template-columns: 9rem minmax(0, 1fr) minmax(12rem, auto);
    gap: 0.8rem;
    padding: 0.35rem 0.8rem;
    position: relative;
  }
  li::before {
    content: '';
    position: absolute;
    left: -0.5rem;
    top: 0.7rem;
    width: 0.7rem;
    height: 0.7rem;
    border-radius: 50%;
    background: var(--qms-accent);
  }
  time {
    color: var(--qms-muted);
    font-variant-numeric: tabular-nums;
  }
  .error {
    color: #ffb3b3;
  }
  .who {
    color: var(--qms-muted);
    text-align: right;
  }
`;
