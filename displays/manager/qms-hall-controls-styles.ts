/** The look of `<qms-hall-controls>`. */
import { css } from 'lit';

export const hallControlsStyles = css`
  :host {
    display: grid;
    grid-template-columns: minmax(0, 1.6fr) minmax(0, 1fr);
    gap: 0.6rem;
  }
  form {
    display: flex;
    gap: 0.4rem;
    align-items: center;
  }
  form input[name='text'] {
    flex: 1;
    min-width: 0;
  }
  ul {
    list-style: none;
    margin: 0.4rem 0 0;
    padding: 0;
    display: grid;
    gap: 0.25rem;
    max-height: 4.6rem;
    overflow: auto;
  }
  li {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
    font-size: 0.9rem;
  }
  li span {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .extended {
    margin-top: 0.4rem;
    font-weight: 700;
    color: var(--qms-accent);
  }
`;
