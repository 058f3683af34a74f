/**
 * Shared look: CJK fonts first (Noto Sans CJK on Debian, YaHei on Windows PCs), high contrast,
 * large type. Nothing depends on colour alone: states also carry words or shapes.
 */
import { css } from 'lit';

export const FONT_STACK = `'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Zen Hei', sans-serif`;

export const baseStyles = css`
  :host {
    font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Zen Hei', sans-serif;
    box-sizing: border-box;
    --qms-bg: #0b1a2e;
    --qms-panel: #13284a;
    --qms-text: #ffffff;
    --qms-muted: #c9d6ea;
    --qms-accent: #ffd54a;
    --qms-ok: #2ecc71;
    --qms-warn: #ff9f43;
    --qms-bad: #ff5c5c;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;

/**
 * A page that is the whole screen of a wall display, counter or pad: no scrollbars, ever. What the
 * page gate says instead of the page (no hall given, loading) stands in the middle of it.
 */
export const fullScreenStyles = css`
  :host {
    display: block;
    width: 100vw;
    height: 100vh;
    overflow: hidden;
    background: var(--qms-bg);
    color: var(--qms-text);
  }
  .message {
    display: grid;
    place-items: center;
    height: 100%;
    font-size: 4vmin;
    padding: 4vmin;
    text-align: center;
  }
`;
