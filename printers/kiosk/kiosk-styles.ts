/**
 * The kiosk's look, shared by its elements: a portrait touch screen (1080×1920) read standing at
 * arm's length, often by older citizens — very large type, targets at least 120 px tall, strong
 * contrast, and every state said in words, not colour alone.
 */
import { css } from 'lit';

export const kioskStyles = css`
  :host {
    --k-bg: #0b1a2e;
    --k-panel: #13284a;
    --k-panel-2: #1b3766;
    --k-line: #3d5f96;
    --k-text: #ffffff;
    --k-muted: #c9d6ea;
    --k-accent: #ffd54a;
    --k-green: #2ecc71;
    --k-green-dark: #0f5132;
    --k-bad: #ff6b6b;
    color: var(--k-text);
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    touch-action: manipulation;
    -webkit-tap-highlight-color: transparent;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:active:not(:disabled) {
    transform: scale(0.98);
  }
  .back {
    min-height: 110px;
    padding: 0 44px;
    border: 3px solid var(--k-line);
    border-radius: 20px;
    background: var(--k-panel);
    font-size: 40px;
    font-weight: 700;
  }
  .primary {
    min-height: 130px;
    padding: 0 56px;
    border: 0;
    border-radius: 24px;
    background: var(--k-accent);
    color: #111;
    font-size: 52px;
    font-weight: 800;
  }
  .alert {
    padding: 24px 32px;
    border-radius: 20px;
    border: 3px solid var(--k-bad);
    background: #3a1111;
    color: #ffd0d0;
    font-size: 40px;
    line-height: 1.35;
  }
`;
