/** The look of `<qms-area-dialog>`. */
import { css } from 'lit';

export const areaDialogStyles = css`
  dialog {
    width: min(40rem, 92vw);
    padding: 1.2rem 1.5rem;
    border: 3px solid var(--qms-accent);
    border-radius: 12px;
    background: var(--qms-panel);
    color: var(--qms-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 60%);
  }
  .choices {
    display: grid;
    grid-template-columns: repeat(2, 1fr);
    gap: 0.5rem;
    margin: 0.8rem 0 1.2rem;
  }
  label {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-size: 1.1rem;
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--qms-muted);
    border-radius: 8px;
  }
  input {
    width: 1.3rem;
    height: 1.3rem;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.6rem;
  }
  .actions button {
    font-size: 1.1rem;
    padding: 0.4rem 1.2rem;
  }
`;
