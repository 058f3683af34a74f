/**
 * How a section shows what became of a save: green words when it is saved; red words when it was
 * refused — every problem on its own line, saying whether the browser caught it (nothing was sent)
 * or the server refused it, or that someone else saved first and their version is loaded now.
 * `invalidAt` tells a form which inputs to mark (`aria-invalid`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { MessageTable } from '../../server/i18n';
import type { SaveOutcome } from './hall-config-controller';

export function outcomeView(outcome: SaveOutcome | null, words: MessageTable['adminConsole']): TemplateResult | typeof nothing {
  if (!outcome) return nothing;
  if (outcome.ok) return html`<p class="ok" role="status">${words.saved}</p>`;
  if (outcome.stale) return html`<div class="refusal" role="alert">${words.staleVersion}</div>`;
  const heading = outcome.local ? words.notSent : `${words.refusedBy}${outcome.failure.display}`;
  if (outcome.failure.problems.length === 0) return html`<div class="refusal" role="alert">${heading}</div>`;
  return html`<div class="refusal" role="alert">
    ${heading}
    <ul>
      ${outcome.problems.map((p) => html`<li>${p}</li>`)}
    </ul>
  </div>`;
}

/** Whether a refused save names the field at `path` (or something inside it). */
export function invalidAt(outcome: SaveOutcome | null, ...paths: string[]): 'true' | 'false' {
  if (!outcome || outcome.ok) return 'false';
  const hit = outcome.paths.some((p) => paths.some((path) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`)));
  return hit ? 'true' : 'false';
}
