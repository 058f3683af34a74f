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
    padding: 0 48px 32px;
  }
  /* The screen under the header: every state fits its height (portrait 1080×1920), nothing scrolls. */
  main {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    gap: 18px;
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
    margin: 4px 0 0;
    font-size: 64px;
    line-height: 1.15;
    text-align: center;
  }
  .hint {
    margin-top: -8px;
    font-size: 34px;
    text-align: center;
    color: var(--k-muted);
  }
  /* 搜索 (typing: characters, pinyin, item codes) and 按类别查找 (touch only) side by side. */
  .finders {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 20px;
  }
  .browse {
    display: grid;
    place-items: center;
    padding: 8px 32px;
    border: 4px solid var(--k-accent);
    border-radius: 24px;
    background: var(--k-panel-2);
    line-height: 1.15;
  }
  .browse .big {
    font-size: 40px;
    font-weight: 800;
  }
  .browse .small {
    font-size: 26px;
    color: var(--k-muted);
  }
  .search {
    display: flex;
    align-items: center;
    gap: 24px;
    min-height: 104px;
    padding: 0 36px;
    border: 4px solid var(--k-accent);
    border-radius: 24px;
    background: #fff;
    color: #4b5563;
    font-size: 44px;
    text-align: left;
  }
  .search svg {
    flex: none;
    width: 56px;
    height: 56px;
  }
  .green-on {
    padding: 14px 28px;
    border-radius: 20px;
    background: var(--k-green-dark);
    border: 4px solid var(--k-green);
    font-size: 36px;
    font-weight: 700;
    line-height: 1.3;
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
    padding: 14px 28px;
    border-radius: 20px;
    background: var(--k-green-dark);
    border: 4px solid var(--k-green);
    font-size: 36px;
    font-weight: 700;
    line-height: 1.3;
    text-align: center;
  }
  .areas {
    /* What is left, never less than the buttons' own height: the sections below are pushed, not overlapped. */
    flex: 1 1 0;
    display: grid;
    grid-template-columns: 1fr 1fr;
    /* Rows share what is left, but never shrink below an area button's own height (they would
       slide under the sections below: 绿色通道 banner + 一件事 + four choices on a 1080×1920 kiosk). */
    grid-auto-rows: minmax(min-content, 1fr);
    gap: 20px;
  }
  .area {
    display: grid;
    grid-template-columns: auto 1fr;
    grid-template-rows: 1fr auto;
    align-items: center;
    column-gap: 18px;
    padding: 10px 18px;
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
    width: 76px;
    height: 76px;
    border-radius: 20px;
    background: var(--k-accent);
    color: #111;
    font-size: 50px;
    font-weight: 900;
  }
  .area .name {
    font-size: 42px;
    font-weight: 800;
    line-height: 1.15;
    /* 医保社保 / 综合服务, not 医保社保综 / 合服务. */
    text-wrap: balance;
  }
  .area .waiting {
    font-size: 30px;
    line-height: 1.3;
    color: var(--k-muted);
  }
  /* No window open for the area now: said on the tile, in words and colour, before anyone taps. */
  .area .staffing {
    display: inline-block;
    margin-left: 0.5em;
    color: #fcd34d;
    font-weight: 700;
  }
  .area[data-staffing='closed'],
  .area[data-staffing='paused'] {
    border-color: #f59e0b;
    border-style: dashed;
  }
  .area[data-staffing='unserved'] .staffing {
    color: #ffb4b4;
  }
  /* 一件事一次办: a heading line, then one button per bundle with its route underneath. */
  .journeys {
    flex: none;
    display: grid;
    gap: 10px;
  }
  .journeys .title {
    display: flex;
    align-items: baseline;
    gap: 20px;
  }
  .journeys h2 {
    margin: 0;
    font-size: 34px;
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
    padding: 10px 16px;
    border-radius: 22px;
    border: 4px solid var(--k-accent, var(--k-line));
    background: var(--k-panel-2);
    text-align: left;
  }
  .journey .big {
    display: block;
    font-size: 28px;
    font-weight: 800;
    line-height: 1.2;
  }
  .journey .small {
    display: block;
    margin-top: 4px;
    font-size: 21px;
    line-height: 1.25;
    color: var(--k-muted);
  }
  .choices {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 20px;
  }
  .choice {
    min-height: 116px;
    padding: 10px 24px;
    border-radius: 28px;
    border: 4px solid var(--k-line);
    background: var(--k-panel-2);
    text-align: center;
  }
  .choice .big {
    display: block;
    font-size: 44px;
    font-weight: 800;
    line-height: 1.2;
  }
  .choice .small {
    display: block;
    margin-top: 4px;
    font-size: 26px;
    line-height: 1.25;
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
  /* Before a ticket for an area nobody calls now: what is the matter, what to do, and the choice. */
  .confirm {
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 40px;
  }
  .confirm-card {
    display: grid;
    justify-items: center;
    gap: 20px;
    padding: 44px 48px;
    border-radius: 32px;
    background: #3b1d0a;
    border: 4px solid #f59e0b;
    text-align: center;
  }
  .confirm-card .prefix {
    display: grid;
    place-items: center;
    width: 110px;
    height: 110px;
    border-radius: 26px;
    background: var(--k-accent);
    color: #111;
    font-size: 72px;
    font-weight: 900;
  }
  .confirm-card h1 {
    margin: 0;
    font-size: 60px;
  }
  .confirm-card p {
    margin: 0;
    font-size: 40px;
    line-height: 1.4;
  }
  .confirm-card .queue {
    color: #fcd34d;
    font-weight: 700;
  }
  .confirm-card .ask {
    font-size: 36px;
    color: var(--k-muted);
  }
  .confirm-actions {
    display: grid;
    gap: 28px;
  }
`;
