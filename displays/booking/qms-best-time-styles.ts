/**
 * The look of `<qms-best-time>`: large figures in every cell; four shades from pale green to deep
 * red, each with its own mark (○ ◔ ◑ ●) and contrast above 4.5:1, so the level reads without colour.
 */
import { css } from 'lit';

export const bestTimeStyles = css`
  :host {
    display: block;
    min-height: 0;
  }
  .best-time {
    display: grid;
    gap: 10px;
  }
  .summary {
    margin: 0;
    font-size: 22px;
    font-weight: 800;
  }
  .muted {
    margin: 0;
    color: var(--p-muted);
  }
  .small {
    font-size: 17px;
  }
  table.grid {
    width: 100%;
    max-width: 760px;
    border-collapse: separate;
    border-spacing: 3px;
    table-layout: fixed;
  }
  th {
    font-size: 17px;
    font-weight: 700;
    text-align: center;
    padding: 2px;
  }
  th.hour {
    width: 64px;
    text-align: left;
    font-variant-numeric: tabular-nums;
  }
  thead th span {
    display: block;
    line-height: 1.2;
  }
  thead th .md {
    font-weight: 400;
    font-size: 15px;
  }
  thead th.today {
    text-decoration: underline;
    text-decoration-thickness: 3px;
  }
  td {
    height: 44px;
    text-align: center;
    border: 2px solid #111;
    border-radius: 6px;
    font-size: 20px;
    font-weight: 800;
    font-variant-numeric: tabular-nums;
    line-height: 1.1;
  }
  td .mark {
    display: block;
    font-size: 13px;
    font-weight: 400;
  }
  td.none {
    border-style: dashed;
    color: #555;
  }
  .lvl-quiet {
    background: #d9f2d0;
    color: #111;
  }
  .lvl-fair {
    background: #fff0a8;
    color: #111;
  }
  .lvl-busy {
    background: #ffb870;
    color: #111;
  }
  .lvl-very_busy {
    background: #a3201a;
    color: #fff;
  }
  ul.legend {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 18px;
  }
  .swatch {
    display: inline-block;
    width: 30px;
    margin-right: 6px;
    border: 2px solid #111;
    border-radius: 4px;
    text-align: center;
  }
`;
