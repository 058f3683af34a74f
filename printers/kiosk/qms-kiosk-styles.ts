/** The look of `<qms-kiosk>`. */
import { css } from 'lit';

export const kioskPageStyles = css`
  :host {
    display: block;
    width: 100vw;
    height: 100vh;
    overflow: hidden;
    background: var(--k-bg);
  }
  .page {
    display: flex;
    flex-direction: column;
    gap: 20px;
    height: 100%;
    padding: 0 48px 40px;
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 24px;
    margin: 0 -48px;
    padding: 28px 48px;
    background: #050e1a;
    border-bottom: 8px solid var(--k-accent);
  }
  .hall-name {
    font-size: 56px;
    font-weight: 800;
    letter-spacing: 0.06em;
  }
  .clock {
    text-align: right;
    font-size: 30px;
    color: var(--k-muted);
    line-height: 1.3;
  }
  .clock .time {
    font-size: 52px;
    font-weight: 700;
    color: var(--k-text);
    font-variant-numeric: tabular-nums;
  }
  h1 {
    margin: 8px 0 0;
    font-size: 72px;
    text-align: center;
  }
  .hint {
    margin-top: -16px;
    font-size: 36px;
    text-align: center;
    color: var(--k-muted);
  }
  .search {
    display: flex;
    align-items: center;
    gap: 24px;
    min-height: 110px;
    padding: 0 40px;
    border: 4px solid var(--k-accent);
    border-radius: 24px;
    background: #fff;
    color: #4b5563;
    font-size: 48px;
    text-align: left;
  }
  .search svg {
    flex: none;
    width: 60px;
    height: 60px;
  }
  .green-on {
    padding: 22px 32px;
    border-radius: 20px;
    background: var(--k-green-dark);
    border: 4px solid var(--k-green);
    font-size: 42px;
    font-weight: 700;
    text-align: center;
  }
  .closed {
    padding: 26px 32px;
    border-radius: 20px;
    background: #3b1d0a;
    border: 4px solid #f59e0b;
    text-align: center;
  }
  .closed .big {
    display: block;
    font-size: 52px;
    font-weight: 800;
  }
  .closed .small {
    display: block;
    margin-top: 10px;
    font-size: 44px;
    color: #fcd34d;
  }
  .done {
    padding: 22px 32px;
    border-radius: 20px;
    background: var(--k-green-dark);
    border: 4px solid var(--k-green);
    font-size: 42px;
    font-weight: 700;
    text-align: center;
  }
  .areas {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: 1fr 1fr;
    /* Rows share what is left, but never shrink below an area button's own height (they would
       slide under the sections below: 绿色通道 banner + 一件事 + four choices on a 1080×1920 kiosk). */
    grid-auto-rows: minmax(min-content, 1fr);
    gap: 24px;
  }
  .area {
    display: grid;
    grid-template-columns: auto 1fr;
    grid-template-rows: 1fr auto;
    align-items: center;
    column-gap: 24px;
    padding: 14px 24px;
    text-align: left;
    border: 4px solid var(--k-line);
    border-radius: 28px;
    background: var(--k-panel);
  }
  .areas.green .area {
    border-color: var(--k-green);
  }
  .area .prefix {
    grid-row: 1 / span 2;
    display: grid;
    place-items: center;
    width: 88px;
    height: 88px;
    border-radius: 22px;
    background: var(--k-accent);
    color: #111;
    font-size: 58px;
    font-weight: 900;
  }
  .area .name {
    font-size: 46px;
    font-weight: 800;
    line-height: 1.2;
    /* 医保社保 / 综合服务, not 医保社保综 / 合服务. */
    text-wrap: balance;
  }
  .area .waiting {
    font-size: 34px;
    color: var(--k-muted);
  }
  /* 一件事一次办: a heading line, then one button per bundle with its route underneath. */
  .journeys {
    flex: none;
    display: grid;
    gap: 12px;
  }
  .journeys .title {
    display: flex;
    align-items: baseline;
    gap: 20px;
  }
  .journeys h2 {
    margin: 0;
    font-size: 36px;
    font-weight: 800;
    white-space: nowrap;
  }
  .journeys .title .hint {
    margin: 0;
    font-size: 24px;
    text-align: left;
  }
  .journey-list {
    display: grid;
    grid-template-columns: 1fr 1fr 1fr;
    gap: 20px;
  }
  .journey {
    padding: 12px 18px;
    border-radius: 22px;
    border: 4px solid var(--k-accent, var(--k-line));
    background: var(--k-panel-2);
    text-align: left;
  }
  .journey .big {
    display: block;
    font-size: 30px;
    font-weight: 800;
    line-height: 1.2;
  }
  .journey .small {
    display: block;
    margin-top: 6px;
    font-size: 22px;
    line-height: 1.25;
    color: var(--k-muted);
  }
  .choices {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 28px;
  }
  .choice {
    min-height: 130px;
    padding: 14px 32px;
    border-radius: 28px;
    border: 4px solid var(--k-line);
    background: var(--k-panel-2);
    text-align: center;
  }
  .choice .big {
    display: block;
    font-size: 50px;
    font-weight: 800;
  }
  .choice .small {
    display: block;
    margin-top: 6px;
    font-size: 30px;
    color: var(--k-muted);
  }
  .choice.green {
    border-color: var(--k-green);
  }
  .choice.green[aria-pressed='true'] {
    background: var(--k-green);
    color: #04140b;
  }
  .choice.green[aria-pressed='true'] .small {
    color: #04140b;
  }
  .choice.assistance {
    border-color: var(--k-accent);
  }
  .choice.assistance[aria-pressed='true'] {
    background: var(--k-accent);
    color: #1a1200;
  }
  .choice.assistance[aria-pressed='true'] .small {
    color: #1a1200;
  }
  .assistance-on {
    background: #3a2c00;
    border-color: var(--k-accent);
  }
  .busy {
    display: grid;
    place-items: center;
    flex: 1;
    font-size: 64px;
    font-weight: 700;
  }
  .screen {
    flex: 1;
    min-height: 0;
  }
  .message {
    display: grid;
    place-items: center;
    height: 100%;
    padding: 64px;
    font-size: 52px;
    text-align: center;
  }
`;
