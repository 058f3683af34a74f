/**
 * The console's look, shared by every section: a light desk screen at 1920×1080 (long forms and
 * tables are read for minutes, not glanced at from across the hall), dense tables, plain forms.
 * A refusal is red *and* worded; a saved change is green *and* worded.
 */
import { css } from 'lit';

export const adminStyles = css`
  :host {
    display: block;
    color: #1b2433;
    --a-line: #d5dbe5;
    --a-panel: #ffffff;
    --a-accent: #1d5fbf;
    --a-ok: #1e7d3c;
    --a-bad: #b3261e;
    --a-muted: #5b6678;
  }
  h2 {
    font-size: 1.3rem;
    margin: 0 0 0.8rem;
  }
  h3 {
    font-size: 1.05rem;
    margin: 1rem 0 0.5rem;
  }
  .panel > h3:first-child {
    margin-top: 0;
  }
  td.actions button {
    padding: 0.15rem 0.7rem;
  }
  .panel {
    background: var(--a-panel);
    border: 1px solid var(--a-line);
    border-radius: 8px;
    padding: 1rem 1.2rem;
    margin-bottom: 1rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.95rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.25rem 0.6rem;
    border-bottom: 1px solid var(--a-line);
    vertical-align: middle;
  }
  th {
    background: #eef2f8;
    font-weight: 600;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 6px;
    border: 1px solid #9aa8bd;
    background: #fff;
    color: #1b2433;
    padding: 0.3rem 0.8rem;
  }
  button:hover:not([disabled]) {
    background: #eef2f8;
  }
  button.primary {
    background: var(--a-accent);
    border-color: var(--a-accent);
    color: #fff;
    font-weight: 600;
  }
  button.danger {
    color: var(--a-bad);
    border-color: var(--a-bad);
  }
  button[disabled] {
    opacity: 0.5;
    cursor: default;
  }
  label {
    display: inline-flex;
    flex-direction: column;
    gap: 0.2rem;
    font-size: 0.9rem;
    color: var(--a-muted);
    margin: 0 0.8rem 0.6rem 0;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: #1b2433;
    border: 1px solid #9aa8bd;
    border-radius: 6px;
    padding: 0.3rem 0.5rem;
    background: #fff;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--a-bad);
    outline: 1px solid var(--a-bad);
  }
  .muted {
    color: var(--a-muted);
  }
  .scope {
    display: inline-block;
    font-size: 0.85rem;
    border-radius: 4px;
    padding: 0.1rem 0.5rem;
    background: #e6eefb;
    color: #1d3f7a;
  }
  .scope.today {
    background: #fff1d6;
    color: #7a4b00;
  }
  .ok {
    color: var(--a-ok);
  }
  .refusal {
    color: var(--a-bad);
    background: #fdecea;
    border: 1px solid #f2b8b5;
    border-radius: 6px;
    padding: 0.5rem 0.8rem;
    margin: 0.5rem 0;
  }
  .refusal ul {
    margin: 0.3rem 0 0;
    padding-left: 1.2rem;
  }
  /* Questions are modal dialogs, centred in the viewport (confirm-dialog.ts); a closed one shows nothing. */
  dialog:not([open]) {
    display: none;
  }
  dialog.confirm {
    width: min(36rem, 92vw);
    margin: auto;
    background: #fffdf6;
    border: 1px solid #e8c56a;
    border-radius: 10px;
    padding: 1.2rem 1.5rem;
    box-shadow: 0 12px 40px rgb(0 0 0 / 25%);
    color: #1b2433;
  }
  dialog.confirm::backdrop {
    background: rgb(20 30 50 / 45%);
  }
  dialog.confirm p {
    margin: 0 0 1rem;
    font-size: 1.1rem;
    line-height: 1.5;
  }
  dialog.confirm .confirm-buttons {
    display: flex;
    justify-content: flex-end;
    gap: 0.6rem;
  }
  td.actions {
    white-space: nowrap;
    text-align: right;
  }
  td.actions button + button {
    margin-left: 0.4rem;
  }
  .section-head {
    display: flex;
    align-items: baseline;
    gap: 1rem;
  }
  fieldset {
    border: 1px solid var(--a-line);
    border-radius: 6px;
    padding: 0.5rem 0.8rem;
    margin: 0 0 0.6rem;
  }
  fieldset[aria-invalid='true'] {
    border-color: var(--a-bad);
    outline: 1px solid var(--a-bad);
  }
  legend {
    color: var(--a-muted);
    font-size: 0.9rem;
    padding: 0 0.3rem;
  }
  /* A date typed as people write it, with the browser's calendar beside it and what was read under it. */
  .date-inputs {
    display: flex;
    gap: 0.3rem;
    align-items: center;
  }
  .date-inputs input.date-pick {
    width: 2.6rem;
    padding-left: 0.3rem;
    padding-right: 0.3rem;
    color: transparent;
  }
  .date-inputs input.date-pick::-webkit-datetime-edit {
    display: none;
  }
  .date-reading {
    min-height: 1.3em;
    font-size: 0.85rem;
    color: var(--a-muted);
  }
  .date-reading.bad {
    color: var(--a-bad);
  }
  /* A field's short explanation, under it: what the field is for, in the hall's words. */
  label .help {
    max-width: 22rem;
    font-size: 0.85rem;
    line-height: 1.4;
    color: var(--a-muted);
  }
  label.check {
    flex-direction: row;
    align-items: center;
    gap: 0.3rem;
    color: #1b2433;
    font-size: 0.95rem;
  }
  .scope-note p {
    margin: 0.3rem 0;
  }
  form.range {
    display: flex;
    align-items: flex-end;
    gap: 0.5rem;
  }
  form.range button {
    margin-bottom: 0.6rem;
  }
  td.when {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  ul.diff {
    margin: 0;
    padding-left: 1rem;
  }
  ul.diff code {
    color: #1d3f7a;
    font-size: 0.9rem;
  }
  del {
    color: var(--a-bad);
  }
  ins {
    color: var(--a-ok);
    text-decoration: none;
    font-weight: 600;
  }
`;
