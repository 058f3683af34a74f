/**
 * The look of `<qms-hall-board>`.
 *
 * Text sizes are for a 55" board read from 5–10 m. The 1/200 rule (a character readable at 200 times
 * its height) asks 25 mm at 5 m and 50 mm at 10 m. A 55" 16:9 panel is 685 mm high: at 1080 lines a
 * pixel is 0.63 mm, so 1vmin (10.8 px) is 6.8 mm. Hence:
 * - the latest call: numbers 12vmin (≈ 130 px, 80 mm), read from 15 m and more;
 * - the window grid's numbers (every window's current call): 5.2–9vmin, cut to the space (see
 *   `_fitGrid`), 60–65 px at 1080p in a 21-window hall: 40 mm, the 1/200 rule's 8 m;
 * - everything else (hall name, session, areas, 请准备, notices, headings): never under 5.2vmin
 *   (56 px at 1080p, 35 mm: 7 m by the rule; a CJK character fills nearly its whole em).
 * In vmin, 3840×2160 is the same picture at twice the pixels (112 px and more), and a portrait
 * 1080×1920 board keeps the same text sizes.
 */
import { css } from 'lit';

export const hallBoardStyles = css`
  .board {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr) auto;
    height: 100%;
    /* The smallest text on the wall: see the header comment. */
    --min-text: 5.2vmin;
  }
  header {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 0 2.5vmin;
    padding: 0.6vmin 2.5vmin;
    background: #050e1a;
    border-bottom: 0.5vmin solid var(--qms-accent);
  }
  .title {
    min-width: 0;
  }
  h1 {
    margin: 0;
    font-size: 5.6vmin;
    font-weight: 700;
    line-height: 1.15;
    letter-spacing: 0.08em;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .session {
    font-size: var(--min-text);
    line-height: 1.15;
    color: var(--qms-muted);
  }
  .session.closed {
    color: var(--qms-warn);
    font-weight: 700;
  }
  .sound-on {
    display: inline-block;
    vertical-align: -0.12em;
    margin-left: 0.5em;
    color: var(--qms-ok);
  }
  .sound-on svg {
    width: 0.9em;
    height: 0.9em;
    display: block;
  }
  .clock {
    display: flex;
    align-items: center;
    gap: 2vmin;
    white-space: nowrap;
  }
  .clock .time {
    font-size: 8vmin;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    line-height: 1;
  }
  .clock .date {
    font-size: var(--min-text);
    line-height: 1.15;
    text-align: right;
  }
  main {
    display: grid;
    grid-template-columns: minmax(0, 1.9fr) minmax(0, 1fr);
    grid-template-rows: auto minmax(0, 1fr) auto;
    grid-template-areas: 'tiles call' 'tiles next' 'areas areas';
    gap: 1.2vmin 1.6vmin;
    padding: 1.2vmin 2.5vmin;
    min-height: 0;
  }
  h2 {
    margin: 0;
    font-size: var(--min-text);
    line-height: 1.2;
    font-weight: 700;
    color: var(--qms-muted);
    white-space: nowrap;
  }
  .empty {
    font-size: var(--min-text);
    color: var(--qms-muted);
  }

  /* The latest call: the largest thing on the wall. */
  .call {
    grid-area: call;
    display: grid;
    grid-template-rows: auto minmax(0, 1fr);
    justify-items: center;
    min-height: 0;
    padding: 1vmin 1.5vmin 1.5vmin;
    background: var(--qms-panel);
    border: 0.8vmin solid #36557f;
    border-radius: 2vmin;
    overflow: hidden;
    container-type: inline-size;
  }
  .call.fresh {
    border-color: var(--qms-accent);
    border-style: double;
    border-width: 1.2vmin;
    animation: flash 1s steps(2, jump-none) 8;
  }
  @keyframes flash {
    50% {
      background: #24457a;
    }
  }
  .call .badge {
    justify-self: start;
    font-size: var(--min-text);
    font-weight: 700;
    line-height: 1.25;
    padding: 0 1.4vmin;
    border-radius: 1vmin;
    background: var(--qms-text);
    color: #000;
  }
  .call.fresh .badge {
    background: var(--qms-accent);
  }
  .lines {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
  }
  .call-text {
    margin: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    /* The words around the numbers; in a narrow column both shrink with it (English is longer). */
    font-size: min(7vmin, 10cqi);
    font-weight: 700;
    line-height: 1.1;
  }
  .call-line {
    white-space: nowrap;
  }
  .call-line .value {
    display: inline-block;
    margin: 0 0.15em;
    font-size: min(13vmin, 21cqi);
    font-weight: 900;
    color: var(--qms-accent);
    font-variant-numeric: tabular-nums;
  }
  /* 一件事一次办: the step under the call. */
  .call-journey {
    margin: 0.6vmin 0 0;
    font-size: var(--min-text);
    font-weight: 700;
    text-align: center;
  }
  .call-journey span {
    display: inline-block;
  }
  .call.with-journey .call-line .value {
    font-size: min(11vmin, 18cqi);
  }
  .no-call {
    align-self: center;
    grid-row: 1 / -1;
    font-size: min(6vmin, 10cqi);
    font-weight: 700;
    text-align: center;
    text-wrap: balance;
  }
  .window-grid > .empty {
    place-self: center;
    font-size: 6vmin;
  }
  .no-call.opens {
    display: flex;
    flex-direction: column;
    gap: 1.5vmin;
  }
  .no-call .closed-word {
    color: var(--qms-warn);
  }
  .no-call .opens-at {
    color: var(--qms-accent);
    /* Lines break at the spaces only: 今日 19:00 / 夜市开始办理, never inside a word. */
    word-break: keep-all;
  }

  /* Every open window and the number it called last (票号 → 窗口). */
  .window-grid {
    grid-area: tiles;
    display: grid;
    grid-template-rows: minmax(0, 1fr);
    min-height: 0;
  }
  .windows {
    list-style: none;
    /* Tiles are filled in rows of whole tiles: the page picks the columns and the size (_fitGrid). */
    margin: 0;
    padding: 0;
    min-height: 0;
    display: grid;
    grid-template-columns: repeat(var(--cols, 3), minmax(0, 1fr));
    grid-auto-rows: min-content;
    align-content: start;
    gap: 0.9vmin;
    /* Set by the page from the space it has; this is only the start. */
    font-size: var(--tile-font, 6vmin);
  }
  .tile {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto auto;
    align-items: center;
    column-gap: 0.25em;
    padding: 0.04em 0.3em;
    background: var(--qms-panel);
    border: 0.04em solid transparent;
    border-radius: 0.18em;
    line-height: 1.12;
    font-weight: 800;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .tile .ticket {
    color: var(--qms-text);
  }
  .tile .state-word {
    font-size: 0.95em;
    font-weight: 700;
    color: var(--qms-muted);
  }
  .tile.paused .state-word {
    color: var(--qms-warn);
  }
  .tile .arrow {
    color: var(--qms-muted);
    font-weight: 400;
  }
  .tile .win {
    min-width: 1.5em;
    padding: 0 0.12em;
    text-align: center;
    border: 0.06em solid currentColor;
    border-radius: 0.15em;
    line-height: 1.05;
  }
  .tile.idle,
  .tile.paused {
    background: transparent;
    border-color: #2a4266;
  }
  .tile.newest {
    background: var(--qms-accent);
    color: #000;
  }
  .tile.newest .ticket,
  .tile.newest .arrow {
    color: #000;
  }
  .tile.fresh {
    animation: tile-flash 1s steps(2, jump-none) 8;
  }
  @keyframes tile-flash {
    50% {
      background: #fff3b8;
    }
  }

  /* 请准备: the next numbers to be called. */
  .next-up {
    grid-area: next;
    display: grid;
    grid-template-rows: auto minmax(0, 1fr);
    min-height: 0;
    padding: 1vmin 1.5vmin;
    background: var(--qms-panel);
    border-radius: 2vmin;
    overflow: hidden;
  }
  .next-up h2 {
    color: var(--qms-accent);
  }
  /*
   * In reading order, three a row, as many rows as the box holds whole (a size container: three
   * rows, or fewer when the latest call needs more height); the rest take no room.
   */
  .next-up {
    container: next-up / size;
  }
  .next-up ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    grid-template-rows: repeat(3, 1.3em);
    grid-auto-rows: 0;
    column-gap: 0.4em;
    overflow: hidden;
    font-size: 5.8vmin;
    font-weight: 800;
    font-variant-numeric: tabular-nums;
  }
  @container next-up (max-height: 31vmin) {
    .next-up ol {
      grid-template-rows: repeat(2, 1.3em);
    }
  }
  @container next-up (max-height: 23.5vmin) {
    .next-up ol {
      grid-template-rows: 1.3em;
    }
  }
  .next-up li {
    line-height: 1.3;
    overflow: hidden;
    white-space: nowrap;
  }

  /* Waiting per area: the area's letter (on every ticket) and how many wait. */
  .areas {
    grid-area: areas;
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-items: center;
    column-gap: 1.6vmin;
  }
  .areas ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(3.3em, 1fr));
    gap: 0.8vmin 1.2vmin;
    font-size: var(--min-text);
  }
  .area {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-items: center;
    column-gap: 0.3em;
    padding: 0.1em 0.25em;
    background: var(--qms-panel);
    border-radius: 0.2em;
    line-height: 1.2;
  }
  .prefix {
    width: 1.35em;
    font-weight: 900;
    text-align: center;
    border: 0.06em solid var(--qms-text);
    border-radius: 0.18em;
  }
  .count {
    justify-self: end;
    font-weight: 800;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .count.none,
  .count.no-window {
    color: var(--qms-warn);
  }

  /* Silent: said where the notices run, in words and as a button, until sound plays. */
  .sound-blocked {
    display: flex;
    align-items: center;
    gap: 2vmin;
    min-height: 7.5vmin;
    padding: 0.5vmin 2.5vmin;
    background: var(--qms-bad);
    color: #000;
    font-size: var(--min-text);
    font-weight: 700;
    line-height: 1.15;
  }
  .sound-blocked .why {
    min-width: 0;
  }
  .sound {
    flex: none;
    font: inherit;
    padding: 0.2vmin 2vmin;
    border-radius: 1vmin;
    border: 0.4vmin solid #000;
    background: #fff;
    color: #000;
    cursor: pointer;
  }

  @media (orientation: portrait) {
    header {
      grid-template-columns: minmax(0, 1fr);
    }
    .clock {
      justify-self: end;
    }
    main {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: auto minmax(0, 1fr) auto auto;
      grid-template-areas: 'call' 'tiles' 'next' 'areas';
    }
    .call-text {
      flex-direction: row;
      flex-wrap: wrap;
      justify-content: center;
      column-gap: 0.3em;
      font-size: min(7vmin, 5.5cqi);
    }
    .call-line .value {
      font-size: min(13vmin, 15cqi);
    }
    .next-up {
      container-type: normal;
    }
    .next-up ol {
      grid-template-columns: repeat(5, minmax(0, 1fr));
      grid-template-rows: 1.3em;
    }
  }
`;
