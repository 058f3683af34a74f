/** The calendar section's own look, over the console's shared one (`admin-styles.ts`). */
import { css } from 'lit';

export const calendarStyles = css`
  .head {
    display: flex;
    align-items: baseline;
    gap: 1rem;
    flex-wrap: wrap;
  }
  .notes {
    display: grid;
    gap: 0.3rem;
    margin: 0 0 1rem;
  }
  .notes p {
    margin: 0;
  }
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 1rem;
    align-items: start;
  }
  .hint {
    margin: 0 0 0.5rem;
    font-size: 0.9rem;
  }
  .panel > h3:first-child {
    margin-top: 0;
  }
  input.time {
    width: 6rem;
    font-variant-numeric: tabular-nums;
  }
  /* The shared hover turns a button pale; a primary one keeps its colour so its words stay readable. */
  button.primary:hover:not([disabled]) {
    background: #174f9e;
  }
  .row-actions {
    margin-top: 0.6rem;
  }
  .settings {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5rem 1.5rem;
  }
  .settings input[type='number'] {
    width: 6rem;
  }
  label.check {
    flex-direction: row;
    align-items: center;
    gap: 0.4rem;
    color: #1b2433;
  }
  .savebar {
    position: sticky;
    bottom: 0;
    display: flex;
    align-items: center;
    gap: 1rem;
    padding: 0.7rem 1.2rem;
    background: #f6f8fc;
    border: 1px solid var(--a-line);
    border-radius: 8px;
    z-index: 1;
  }
  .savebar .refusal {
    margin: 0;
    flex: 1;
  }
  .unsaved {
    color: #7a4b00;
    font-weight: 600;
  }
  .preview td.closed {
    color: var(--a-muted);
  }
  .preview tr.holiday td {
    background: #fdf1f0;
  }
  .preview tr.makeup_workday td {
    background: #eef7ee;
  }
  .preview tr.today td:first-child {
    font-weight: 700;
  }
  .preview .mark {
    margin-left: 0.4rem;
    font-size: 0.8rem;
    border-radius: 4px;
    padding: 0 0.35rem;
    background: #1d5fbf;
    color: #fff;
  }
`;

export const daysStyles = css`
  .years {
    display: flex;
    gap: 0.4rem;
    margin-bottom: 0.8rem;
  }
  .years button[aria-pressed='true'] {
    background: var(--a-accent);
    border-color: var(--a-accent);
    color: #fff;
  }
  .split {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 1.2rem;
  }
  .source {
    display: inline-block;
    font-size: 0.85rem;
    border-radius: 4px;
    padding: 0.1rem 0.5rem;
    margin-left: 0.5rem;
    font-weight: 600;
  }
  .source.notice {
    background: #e3f1e6;
    color: #1e5e2f;
  }
  .source.statutory {
    background: #fff1d6;
    color: #7a4b00;
  }
  .off {
    opacity: 0.55;
  }
  dl {
    margin: 0;
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.4rem 0.8rem;
  }
  dt {
    color: var(--a-muted);
    font-size: 0.9rem;
    padding-top: 0.2rem;
  }
  dd {
    margin: 0;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    border: 1px solid var(--a-line);
    border-radius: 999px;
    padding: 0.1rem 0.6rem;
    background: #f6f8fc;
    font-size: 0.9rem;
    white-space: nowrap;
  }
  .chip.holiday {
    background: #fdf1f0;
    border-color: #f2c4c0;
  }
  .chip.makeup {
    background: #eef7ee;
    border-color: #bfe0c4;
  }
  .chip.overridden {
    text-decoration: line-through;
    opacity: 0.7;
  }
  .chip button {
    border: none;
    background: transparent;
    padding: 0 0.2rem;
    line-height: 1;
    color: var(--a-bad);
    font-size: 1rem;
  }
  .adders {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.4rem 1rem;
    margin-top: 0.8rem;
  }
  .adders button {
    /* Level with the inputs: below them is the line saying what date was read. */
    margin-bottom: calc(0.6rem + 0.2rem + 1.3 * 0.85rem);
  }
  input.date {
    width: 9.5rem;
    font-variant-numeric: tabular-nums;
  }
  .note {
    margin: 0.4rem 0;
    font-size: 0.9rem;
  }
  .bad {
    color: var(--a-bad);
  }
`;
