/**
 * The console's frame at 1920×1080: a white header across the top (title, hall, who is signed in,
 * language, sign out), the nine sections as a column on the left, the open section filling the
 * rest on a light grey desk. Wide enough for a table of sixteen windows without scrolling sideways.
 */
import { css } from 'lit';

export const adminConsoleStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
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
  .hall {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-size: 1.05rem;
  }
  .hall select {
    font: inherit;
    padding: 0.25rem 0.5rem;
    border: 1px solid #9aa8bd;
    border-radius: 6px;
    background: #fff;
    min-width: 14rem;
  }
  .hall .name {
    font-weight: 600;
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
  .body {
    display: grid;
    grid-template-columns: 220px 1fr;
    flex: 1;
    min-height: 0;
  }
  nav {
    display: flex;
    flex-direction: column;
    gap: 2px;
    padding: 1rem 0.6rem;
    background: #e9eef6;
    border-right: 1px solid #d5dbe5;
  }
  nav button {
    font: inherit;
    font-size: 1.05rem;
    text-align: left;
    cursor: pointer;
    border: 0;
    border-radius: 6px;
    background: transparent;
    color: #1b2433;
    padding: 0.6rem 0.9rem;
  }
  nav button:hover {
    background: #dbe4f2;
  }
  nav button[aria-selected='true'] {
    background: #1d5fbf;
    color: #fff;
    font-weight: 600;
  }
  /* Only the section scrolls: the header and the navigation stay in view. */
  main.gate {
    flex: 1;
    padding: 0;
  }
  main {
    padding: 1.2rem 1.8rem;
    min-width: 0;
    overflow: auto;
  }
  .message {
    padding: 3rem;
    text-align: center;
    font-size: 1.2rem;
  }
`;
