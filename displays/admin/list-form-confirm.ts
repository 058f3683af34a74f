/**
 * The one list → form → confirm flow of the console's sections (areas, windows, halls): a table of
 * rows; 新增 or 编辑 opens a form on a draft (the fields as typed); 保存 saves it and shows what
 * became of it (`SaveOutcome`: saved, or every problem in words, the fields marked); 删除 (or 停用)
 * asks first in a modal question and then acts. A section keeps only what is its own — its columns,
 * its fields and how a draft becomes the document — and renders the pieces this controller gives.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { MessageTable } from '../../server/i18n';
import { confirmDialog, openConfirm } from './confirm-dialog';
import type { SaveOutcome } from './hall-config-controller';
import { invalidAt, outcomeView } from './save-outcome-view';

type Words = MessageTable['adminConsole'];

/** A text or number input's own attributes. */
export interface FieldAttrs {
  type?: string;
  min?: number;
  max?: number;
  maxlength?: number;
  disabled?: boolean;
}

export interface RemoveQuestion<Item> {
  question: (item: Item) => string;
  yes: string;
  no: string;
  /** `data-action` of the yes button. */
  action: string;
  /** The removal itself, once confirmed: what became of it (shown like a save's). */
  remove: (item: Item) => Promise<SaveOutcome | null>;
}

export class ListFormConfirm<Item, Draft extends object> implements ReactiveController {
  /** The row being edited (its id), `''` for a new one, null when no form is open. */
  editing: string | null = null;
  draft: Draft | null = null;
  outcome: SaveOutcome | null = null;
  busy = false;
  /** The row whose removal waits for the answer to the question. */
  removing: Item | null = null;

  constructor(private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode }) {
    host.addController(this);
  }

  /** The pending question opens as a modal once rendered. */
  hostUpdated(): void {
    openConfirm(this.host.renderRoot);
  }

  private change(fn: () => void): void {
    fn();
    this.host.requestUpdate();
  }

  /** Opens the form on `draft`: `id` is the edited row's, `''` for a new one. */
  open(id: string, draft: Draft): void {
    this.change(() => {
      this.editing = id;
      this.draft = draft;
      this.outcome = null;
      this.removing = null;
    });
  }

  set(patch: Partial<Draft>): void {
    if (this.draft) this.change(() => (this.draft = { ...this.draft!, ...patch }));
  }

  close(): void {
    this.change(() => {
      this.editing = null;
      this.draft = null;
    });
  }

  /** Saves the form with `save` (given the edited id and the draft); the form closes when it is saved. */
  async submit(e: Event, save: (editing: string, draft: Draft) => Promise<SaveOutcome>): Promise<SaveOutcome | null> {
    e.preventDefault();
    const { draft, editing } = this;
    if (!draft || editing === null) return null;
    this.change(() => (this.busy = true));
    let outcome: SaveOutcome;
    try {
      outcome = await save(editing, draft);
    } finally {
      this.change(() => (this.busy = false));
    }
    this.change(() => (this.outcome = outcome));
    if (outcome.ok) this.close();
    return outcome;
  }

  /** Asks before removing `item`; an open form closes unless `keepForm`. */
  askRemove(item: Item, keepForm = false): void {
    if (!keepForm) this.close();
    this.change(() => {
      this.outcome = null;
      this.removing = item;
    });
  }

  /** Says what became of a step taken outside the form (a refusal, say). */
  show(outcome: SaveOutcome | null): void {
    this.change(() => (this.outcome = outcome));
  }

  /** The question while a removal waits for it: yes removes, no (or Esc) lets it be. */
  confirmView(q: RemoveQuestion<Item>): TemplateResult | typeof nothing {
    const item = this.removing;
    if (item === null) return nothing;
    return confirmDialog({
      question: q.question(item),
      yes: q.yes,
      no: q.no,
      action: q.action,
      onYes: () => void this.remove(item, q),
      onNo: () => this.change(() => (this.removing = null)),
    });
  }

  private async remove(item: Item, q: RemoveQuestion<Item>): Promise<void> {
    this.change(() => (this.removing = null));
    const outcome = await q.remove(item);
    this.change(() => (this.outcome = outcome));
  }

  /**
   * The list: `headers` (its `<th>`s), the rows, and under it 新增 (`data-action` `addAction`),
   * which opens the form on a new row.
   */
  listPanel(headers: TemplateResult, rows: readonly TemplateResult[], addAction: string, add: () => void, words: Words): TemplateResult {
    return html`<div class="panel">
      <table>
        <thead>
          <tr>
            ${headers}
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
      <p><button type="button" class="primary" data-action=${addAction} @click=${add}>${words.add}</button></p>
    </div>`;
  }

  /** A row's last cell: 编辑 (opens the form on it) and 删除 (asks first). */
  rowActions(item: Item, edit: () => void, words: Words): TemplateResult {
    return html`<td class="actions">
      <button type="button" data-action="edit" @click=${edit}>${words.edit}</button>
      <button type="button" class="danger" data-action="remove" @click=${() => this.askRemove(item)}>${words.remove}</button>
    </td>`;
  }

  /** The last outcome above the table, while no form is open (in the form it shows in the form). */
  outcomeAbove(words: Words): TemplateResult | typeof nothing {
    return this.editing === null ? outcomeView(this.outcome, words) : nothing;
  }

  /** Whether the last refusal names any of `paths` (for `aria-invalid`). */
  invalid(...paths: string[]): 'true' | 'false' {
    return invalidAt(this.outcome, ...paths);
  }

  /** A labelled input bound to the draft's `key`, marked when a refusal names one of `paths`. */
  field(key: keyof Draft & string, label: string, paths: string[], attrs: FieldAttrs = {}): TemplateResult {
    const value = this.draft ? String(this.draft[key] ?? '') : '';
    return html`<label
      >${label}
      <input
        name=${key}
        type=${attrs.type ?? 'text'}
        min=${attrs.min ?? nothing}
        max=${attrs.max ?? nothing}
        maxlength=${attrs.maxlength ?? nothing}
        ?disabled=${attrs.disabled ?? false}
        .value=${value}
        aria-invalid=${this.invalid(...paths)}
        @input=${(e: Event) => this.set({ [key]: (e.target as HTMLInputElement).value } as Partial<Draft>)}
    /></label>`;
  }

  /** The form's end: what became of the save, then 保存 and 取消. */
  formEnd(words: Words): TemplateResult {
    return html`${outcomeView(this.outcome, words)}
      <p>
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? words.saving : words.save}</button>
        <button type="button" @click=${() => this.close()}>${words.cancel}</button>
      </p>`;
  }
}
