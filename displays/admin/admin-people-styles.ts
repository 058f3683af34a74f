/**
 * The staff, devices and catalogue sections' own look, beside the console's shared one: a toolbar
 * over each table, modal forms, the one-time password set large in a box of its own (read aloud or
 * copied once, never shown again), status badges and the import's difference summary.
 */
import { css } from 'lit';

export const adminPeopleStyles = css`
  .toolbar {
    display: flex;
    align-items: flex-end;
    gap: 0.8rem;
    flex-wrap: wrap;
    margin-bottom: 0.8rem;
  }
  .toolbar .grow {
    flex: 1;
  }
  .toolbar label {
    margin: 0;
  }
  .toolbar label.check {
    flex-direction: row;
    align-items: center;
    gap: 0.4rem;
    padding-bottom: 0.4rem;
  }
  .toolbar .found {
    padding-bottom: 0.4rem;
  }
  /* The shared look's hover would turn a primary button pale under its white words. */
  button.primary:hover:not([disabled]) {
    background: #174d9c;
  }
  .toolbar label.file-button {
    flex-direction: row;
    align-items: center;
    color: var(--a-accent);
    font-size: 1rem;
    font-weight: 600;
    border: 1px solid var(--a-accent);
    border-radius: 6px;
    padding: 0.3rem 0.9rem;
    cursor: pointer;
    background: #fff;
  }
  .toolbar label.file-button:hover {
    background: #eef2f8;
  }
  .toolbar label.file-button.busy {
    opacity: 0.5;
    cursor: default;
  }
  .toolbar label.file-button:focus-within {
    outline: 2px solid var(--a-accent);
    outline-offset: 2px;
  }
  /* Hidden from sight, not from the keyboard or from tests setting files. */
  label.file-button input[type='file'] {
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
    overflow: hidden;
  }
  .file-name {
    color: var(--a-muted);
    padding-bottom: 0.35rem;
  }
  .intro {
    margin: 0 0 0.8rem;
  }
  td.actions {
    white-space: nowrap;
  }
  td.actions button + button {
    margin-left: 0.4rem;
  }
  .badge {
    display: inline-block;
    font-size: 0.85rem;
    border-radius: 4px;
    padding: 0.05rem 0.5rem;
    margin-right: 0.3rem;
    background: #e3f2e7;
    color: var(--a-ok);
  }
  .badge.off {
    background: #fdecea;
    color: var(--a-bad);
  }
  .badge.warn {
    background: #fff1d6;
    color: #7a4b00;
  }
  tr.disabled td:not(.actions) {
    color: var(--a-muted);
  }
  code,
  .mono {
    font-family: 'DejaVu Sans Mono', monospace;
  }
  dialog {
    width: min(44rem, 92vw);
    padding: 1.2rem 1.5rem;
    border: 1px solid var(--a-line);
    border-radius: 10px;
    background: var(--a-panel);
    color: #1b2433;
    box-shadow: 0 12px 40px rgb(0 0 0 / 25%);
  }
  dialog::backdrop {
    background: rgb(20 30 50 / 45%);
  }
  dialog h2 {
    margin-top: 0;
  }
  dialog .fields {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0.2rem 1rem;
  }
  dialog .fields label {
    margin: 0 0 0.6rem;
  }
  dialog .fields label.wide {
    grid-column: 1 / -1;
  }
  /* A city manager's halls: one tick box per hall, across the form. */
  dialog fieldset.hall-ids {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 1.2rem;
    border: 1px solid #d5dbe5;
    border-radius: 6px;
    max-height: 12rem;
    overflow-y: auto;
  }
  dialog fieldset.hall-ids label.check {
    display: flex;
    align-items: center;
    gap: 0.35rem;
    margin: 0;
  }
  td .halls {
    margin-left: 0.3rem;
    font-size: 0.9rem;
  }
  .field-problem {
    color: var(--a-bad);
    font-size: 0.85rem;
  }
  .buttons {
    display: flex;
    justify-content: flex-end;
    gap: 0.6rem;
    margin-top: 0.8rem;
  }
  .secret {
    margin: 1rem 0;
    padding: 1rem;
    text-align: center;
    font-size: 2rem;
    letter-spacing: 0.12em;
    font-family: 'DejaVu Sans Mono', monospace;
    background: #f3f6fb;
    border: 2px dashed var(--a-accent);
    border-radius: 8px;
    user-select: all;
  }
  .note {
    color: #7a4b00;
    background: #fff1d6;
    border-radius: 6px;
    padding: 0.5rem 0.8rem;
  }
  .done {
    color: var(--a-ok);
    background: #e3f2e7;
    border: 1px solid #b5dcc0;
    border-radius: 6px;
    padding: 0.5rem 0.8rem;
    margin: 0.5rem 0;
  }
  .counts {
    display: flex;
    gap: 1rem;
    margin: 0.6rem 0;
  }
  .counts div {
    min-width: 7rem;
    padding: 0.5rem 0.8rem;
    border: 1px solid var(--a-line);
    border-radius: 8px;
    background: #f7f9fc;
  }
  .counts strong {
    display: block;
    font-size: 1.6rem;
  }
  .counts .bad strong {
    color: var(--a-bad);
  }
  .diff {
    max-height: 22rem;
    overflow: auto;
    border: 1px solid var(--a-line);
    border-radius: 6px;
    margin: 0.5rem 0;
  }
  .diff table th {
    position: sticky;
    top: 0;
  }
  .pager {
    display: flex;
    align-items: center;
    gap: 0.8rem;
    margin-top: 0.6rem;
  }
  .aliases {
    max-width: 22rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;
