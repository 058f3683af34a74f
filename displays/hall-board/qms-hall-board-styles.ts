/** The look of `<qms-hall-board>`. */
import { css } from 'lit';

export const hallBoardStyles = css`
  .board {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr) auto auto;
    height: 100%;
  }
  header {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto auto auto;
    grid-template-areas: 'name session sound clock';
    align-items: center;
    gap: 1vmin 2.4vmin;
    padding: 1.2vmin 2.5vmin;
    background: #050e1a;
    border-bottom: 0.5vmin solid var(--qms-accent);
  }
  .hall-name {
    grid-area: name;
    font-size: 4.4vmin;
    font-weight: 700;
    letter-spacing: 0.1em;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .session {
    grid-area: session;
    font-size: 3.2vmin;
    font-weight: 700;
    padding: 0.4vmin 2vmin;
    border: 0.35vmin solid var(--qms-text);
    border-radius: 1vmin;
    white-space: nowrap;
  }
  .session .label {
    font-weight: 400;
    color: var(--qms-muted);
    margin-right: 1vmin;
  }
  .sound-slot {
    grid-area: sound;
  }
  .clock {
    grid-area: clock;
    justify-self: end;
    display: flex;
    align-items: center;
    gap: 2vmin;
    white-space: nowrap;
  }
  .clock .date {
    font-size: 2.6vmin;
    text-align: right;
    line-height: 1.3;
  }
  .clock .time {
    font-size: 5.2vmin;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .sound {
    font: inherit;
    font-size: 2.4vmin;
    font-weight: 700;
    padding: 0.6vmin 1.6vmin;
    border-radius: 1vmin;
    border: 0.3vmin solid var(--qms-accent);
    background: transparent;
    color: var(--qms-accent);
    cursor: pointer;
  }
  .sound-on {
    font-size: 2vmin;
    color: var(--qms-muted);
  }
  main {
    display: grid;
    grid-template-columns: minmax(0, 1.9fr) minmax(0, 1fr);
    gap: 2vmin;
    padding: 2vmin 2.5vmin;
    min-height: 0;
  }
  .call {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr);
    justify-items: center;
    min-height: 0;
    background: var(--qms-panel);
    border: 0.8vmin solid #36557f;
    border-radius: 2vmin;
    overflow: hidden;
  }
  .call.fresh {
    border-color: var(--qms-accent);
    border-style: double;
    border-width: 1.4vmin;
    animation: flash 1s steps(2, jump-none) 8;
  }
  @keyframes flash {
    50% {
      background: #24457a;
    }
  }
  .lines {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    padding-bottom: 3vmin;
  }
  .call .badge {
    justify-self: start;
    margin: 2vmin 0 0 2.5vmin;
    font-size: 3.4vmin;
    font-weight: 700;
    padding: 0.3vmin 1.6vmin;
    border-radius: 1vmin;
    background: var(--qms-text);
    color: #000;
  }
  .call.fresh .badge {
    background: var(--qms-accent);
  }
  .call-line {
    margin: 0;
    font-size: 9vmin;
    font-weight: 700;
    line-height: 1.2;
    white-space: nowrap;
  }
  .call-line .value {
    display: inline-block;
    margin: 0 1.5vmin;
    font-size: 21vmin;
    font-weight: 900;
    color: var(--qms-accent);
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.02em;
  }
  .call-line.window .value {
    font-size: 17vmin;
  }
  /* 一件事一次办: the step under the call, smaller than the call, larger than the lists. */
  .call-journey {
    margin: 1vmin 0 0;
    font-size: 4.5vmin;
    font-weight: 700;
    white-space: nowrap;
  }
  /* Room for the step's line: the number and window a little smaller, still the largest on the wall. */
  .call.with-journey .call-line .value {
    font-size: 17vmin;
  }
  .call.with-journey .call-line.window .value {
    font-size: 14vmin;
  }
  .no-call {
    align-self: center;
    grid-row: 1 / -1;
    font-size: 6vmin;
    font-weight: 700;
    text-align: center;
    padding: 0 4vmin;
  }
  h2 {
    margin: 0 0 1vmin;
    font-size: 3.2vmin;
    font-weight: 700;
    color: var(--qms-muted);
  }
  .recent {
    display: flex;
    flex-direction: column;
    min-height: 0;
    padding: 2vmin 2.5vmin;
    background: var(--qms-panel);
    border-radius: 2vmin;
    overflow: hidden;
  }
  /* Rows that do not fit whole wrap into a column out of sight: never half a row on the wall. */
  .recent ol {
    flex: 1;
    min-height: 0;
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    flex-wrap: wrap;
    align-content: flex-start;
    column-gap: 4vmin;
    overflow: hidden;
  }
  .recent li {
    width: 100%;
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    padding: 0.6vmin 0;
    border-bottom: 0.25vmin solid #3a5680;
    font-size: 4.6vmin;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .recent li .to {
    font-size: 3.8vmin;
    font-weight: 400;
  }
  .recent .empty {
    font-size: 3.2vmin;
    color: var(--qms-muted);
  }
  .areas {
    padding: 0 2.5vmin 1.6vmin;
  }
  .areas ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: 1.4vmin;
  }
  .area {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    grid-template-areas: 'prefix name name' 'prefix open count';
    align-items: center;
    column-gap: 1.4vmin;
    padding: 0.8vmin 1.6vmin;
    background: var(--qms-panel);
    border-radius: 1.2vmin;
  }
  .prefix {
    grid-area: prefix;
    width: 6.4vmin;
    font-size: 4.6vmin;
    font-weight: 900;
    line-height: 1.3;
    text-align: center;
    border: 0.35vmin solid var(--qms-text);
    border-radius: 1vmin;
  }
  .area-name {
    grid-area: name;
    font-size: 2.9vmin;
    font-weight: 700;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .open-windows {
    grid-area: open;
    font-size: 2.2vmin;
    color: var(--qms-muted);
    white-space: nowrap;
  }
  .count {
    grid-area: count;
    text-align: right;
    white-space: nowrap;
    line-height: 1.1;
  }
  .count .label {
    font-size: 2.2vmin;
    color: var(--qms-muted);
    margin-right: 0.6vmin;
  }
  .count .n {
    font-size: 4.6vmin;
    font-weight: 800;
    font-variant-numeric: tabular-nums;
  }
  @media (orientation: portrait) {
    header {
      grid-template-columns: minmax(0, 1fr) auto;
      grid-template-areas: 'name clock' 'session sound';
    }
    .session {
      justify-self: start;
    }
    main {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: minmax(0, 1.5fr) minmax(0, 1fr);
    }
    .call-line {
      font-size: 11vmin;
    }
    .call-line .value {
      font-size: 24vmin;
    }
    .call-line.window .value {
      font-size: 20vmin;
    }
    .recent li {
      width: calc(50% - 2vmin);
    }
    .areas ul {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .area-name {
      font-size: 3.4vmin;
    }
    .sound-slot {
      justify-self: end;
    }
  }
`;
