/**
 * The report across halls at 1920×1080: a white header (title, range, who, language, sign out), the
 * range form with the CSV download, and one table of halls filling the light grey desk. Numbers are
 * right-aligned in tabular figures so a column reads down; an overdue follow-up count stands out in
 * colour and weight, and is a number either way.
 */
import { css } from 'lit';

export const hallsReportStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 100vh;
    color: #1b2433;
    background: #f4f6fa;
  }
  header {
    display: flex;
    align-items: center;
    gap: 1.5rem;
    height: 64px;
    padding: 0 1.5rem;
    background: #ffffff;
    border-bottom: 3px solid #1d5fbf;
    flex: none;
  }
  h1 {
    font-size: 1.35rem;
    margin: 0;
    white-space: nowrap;
  }
  .range {
    color: #5b6678;
    font-size: 1.05rem;
  }
  .spacer {
    flex: 1;
  }
  .who {
    color: #5b6678;
    white-space: nowrap;
  }
  header button.signout {
    font: inherit;
    cursor: pointer;
    border-radius: 6px;
    border: 1px solid #9aa8bd;
    background: #fff;
    padding: 0.3rem 0.9rem;
  }
  main {
    padding: 1.25rem 1.5rem 2rem;
  }
  form {
    display: flex;
    align-items: center;
    gap: 1rem;
    margin-bottom: 1rem;
    font-size: 1.05rem;
  }
  form input {
    font: inherit;
    padding: 0.3rem 0.5rem;
    border: 1px solid #9aa8bd;
    border-radius: 6px;
  }
  form button,
  a.csv {
    font: inherit;
    cursor: pointer;
    border-radius: 6px;
    padding: 0.35rem 1.1rem;
    border: 1px solid #1d5fbf;
    text-decoration: none;
  }
  form button.primary {
    background: #1d5fbf;
    color: #fff;
  }
  a.csv {
    background: #fff;
    color: #1d5fbf;
  }
  .error {
    color: #b3261e;
  }
  .panel {
    background: #fff;
    border: 1px solid #d5dbe5;
    border-radius: 8px;
    overflow: hidden;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 1.05rem;
  }
  th,
  td {
    padding: 0.55rem 1rem;
    border-bottom: 1px solid #e3e8f0;
    text-align: left;
    white-space: nowrap;
  }
  thead th {
    background: #e9eef6;
    font-weight: 600;
    position: sticky;
    top: 0;
  }
  .num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  tbody tr:nth-child(even) {
    background: #f8fafd;
  }
  td.hall-id {
    color: #5b6678;
    font-family: ui-monospace, monospace;
    font-size: 0.9rem;
  }
  td.overdue {
    color: #b3261e;
    font-weight: 700;
  }
  .note {
    color: #5b6678;
    margin: 0.75rem 0 0;
  }
  .message {
    padding: 3rem;
    text-align: center;
    color: #5b6678;
    font-size: 1.2rem;
  }
`;
