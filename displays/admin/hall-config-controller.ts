/**
 * A section's hold on its hall's configuration document: loads `{version, hall}`, saves a changed
 * copy with `If-Match: version`, and when someone else saved first (409 version_conflict) reloads
 * theirs and says so, never overwriting a change it has not seen. Sections that edit the hall
 * document (areas, windows, devices, calendar) all save through one of these.
 *
 * Before sending, the changed document is checked with the server's own rules (`checkHallDoc`: the
 * schema and `server/domain/hall-rules.ts`), so a form shows the same words whether the browser or
 * the server caught a problem, and a document the server would refuse is never sent.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { checkHallDoc, type HallDoc } from '../../server/config/hall-schema';
import { hallProblemText, type Locale, type MessageTable } from '../../server/i18n';
import type { HallConfig } from '../../server/protocol';
import { ApiFailure, messageFor } from '../shared/api';
import { call } from '../shared/api-routes';
import type { AdminContext } from './admin-context';

/**
 * A refused save: `stale` when someone else saved first (the newer version is loaded now);
 * `problems` says in the page's words everything that was wrong, one line each; `paths` are the
 * offending fields (`windows[3].number`) for the form to mark; `local` when the browser caught it
 * and nothing was sent.
 */
export type SaveOutcome = { ok: true } | { ok: false; stale: boolean; failure: ApiFailure; problems: string[]; paths: string[]; local: boolean };

/** A hall document checked with the server's own rules before it is sent: its refusal, or null when it passes. */
export function refusedLocally(hall: HallDoc, locale: Locale): SaveOutcome | null {
  const found = checkHallDoc(hall);
  if (found.length === 0) return null;
  const problems = found.map((p) => hallProblemText(p, locale));
  const failure = new ApiFailure(
    400,
    'invalid_config',
    messageFor('invalid_config', locale),
    problems.join('; '),
    found.map((p, i) => ({ path: p.path, message: problems[i]! })),
  );
  return { ok: false, stale: false, failure, problems, paths: found.map((p) => p.path), local: true };
}

/** The server's refusal, every problem on its own line (or its one message). */
export function refusedBy(err: ApiFailure, stale = false): SaveOutcome {
  const problems = err.problems.length > 0 ? err.problems.map((p) => p.message) : [err.display];
  return { ok: false, stale, failure: err, problems, paths: err.problems.map((p) => p.path), local: false };
}

export class HallConfigController implements ReactiveController {
  config: HallConfig | null = null;
  loadError: ApiFailure | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ctx: () => AdminContext | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.config) void this.load();
  }

  private get params(): { hallId: string } {
    return { hallId: this.ctx()!.hallId };
  }

  async load(): Promise<void> {
    if (!this.ctx()) return;
    try {
      this.config = await call(this.ctx()!.api, 'GET /admin/halls/:hallId/config', { params: this.params });
      this.loadError = null;
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      this.loadError = err;
    }
    this.host.requestUpdate();
  }

  /** What a section shows until the document is here: the refusal to load it, or 加载中; null once loaded. */
  pending(words: MessageTable['adminConsole']): TemplateResult | null {
    if (this.loadError) return html`<div class="refusal" role="alert">${this.loadError.display}</div>`;
    if (!this.config) return html`<p class="muted">${words.loading}</p>`;
    return null;
  }

  /** Saves `change` applied to a copy of the loaded document. */
  async save(change: (hall: HallDoc) => void): Promise<SaveOutcome> {
    if (!this.config) throw new Error('the configuration is not loaded');
    const locale = this.ctx()!.locale;
    const hall = structuredClone(this.config.hall);
    change(hall);
    const refused = refusedLocally(hall, locale);
    if (refused) return refused;
    const { retired: _retired, ...body } = hall;
    try {
      this.config = await call(this.ctx()!.api, 'PUT /admin/halls/:hallId/config', { params: this.params, body: { hall: body }, ifMatch: this.config.version });
      this.host.requestUpdate();
      return { ok: true };
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      const stale = err.code === 'version_conflict';
      if (stale) await this.load();
      return refusedBy(err, stale);
    }
  }
}
