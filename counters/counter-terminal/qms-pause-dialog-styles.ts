/** The look of `<qms-pause-dialog>`. */
import { css } from 'lit';

export const pauseDialogStyles = css`
  input[type='text'] {
    font: inherit;
    font-size: 1.3rem;
    padding: 0.5rem;
    width: 100%;
    border: 2px solid #6b86b3;
    border-radius: 6px;
  }
`;
