/**
 * The audit trail at 1920×1080, like the report across halls: a white header, the kind filter, and
 * one dense table (tabular figures, the hash shortened) on the light grey desk. A refused sign-in
 * or access stands out in colour and is labelled either way.
 */
import { css } from 'lit';

export const auditLogStyles = css`
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
    border-bottom: 3px solid #7a3db8;
    flex: none;
  }
  h1 {
    font-size: 1.35rem;
    margin: 0;
    white-space: nowrap;
  }
  .spacer {
    flex: 1;
  }
  .who {
    color: #5b6678;
    white-space: nowrap;
  }
  button {
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
  .controls {
    display: flex;
    align-items: center;
    gap: 1rem;
    margin-bottom: 1rem;
    font-size: 1.05rem;
  }
  select {
    font: inherit;
    padding: 0.3rem 0.5rem;
    border: 1px solid #9aa8bd;
    border-radius: 6px;
  }
  .error {
    color: #b42318;
  }
  .panel {
    background: #fff;
    border-radius: 8px;
    box-shadow: 0 1px 3px rgba(27, 36, 51, 0.12);
    overflow: hidden;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.98rem;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    text-align: left;
    padding: 0.45rem 0.7rem;
    border-bottom: 1px solid #e3e8f0;
    white-space: nowrap;
  }
  th {
    background: #eef1f7;
    font-weight: 600;
  }
  td.route {
    white-space: normal;
    word-break: break-all;
    max-width: 520px;
  }
  td.hash {
    font-family: ui-monospace, monospace;
    color: #5b6678;
  }
  tr.refused td.kind {
    color: #b42318;
    font-weight: 600;
  }
  .note,
  .message {
    color: #5b6678;
    margin: 1rem 0;
  }
`;
