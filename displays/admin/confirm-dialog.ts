/**
 * A question before a destructive step (remove a window, retire a hall, disable items on import),
 * as a modal dialog centred in the viewport: however far down the page the row was, the question
 * is where the administrator is looking. Render `confirmDialog(…)` while a question is pending and
 * call `openConfirm(this.renderRoot)` from `updated()`; Esc or 取消 answers no.
 */
import { html, type TemplateResult } from 'lit';

export interface ConfirmOptions {
  question: string;
  yes: string;
  no: string;
  /** `data-action` of the yes button, for tests and for a page's own styling. */
  action: string;
  busy?: boolean;
  onYes: () => void;
  onNo: () => void;
}

export function confirmDialog(o: ConfirmOptions): TemplateResult {
  return html`<dialog
    class="confirm"
    role="alertdialog"
    aria-label=${o.question}
    @cancel=${(e: Event) => {
      e.preventDefault();
      o.onNo();
    }}
  >
    <p>${o.question}</p>
    <div class="confirm-buttons">
      <button type="button" data-action="cancel-confirm" @click=${o.onNo}>${o.no}</button>
      <button type="button" class="danger" data-action=${o.action} ?disabled=${o.busy ?? false} @click=${o.onYes}>${o.yes}</button>
    </div>
  </dialog>`;
}

/** Opens the pending question as a modal (once rendered): call from the host's `updated()`. */
export function openConfirm(root: ParentNode): void {
  const dialog = root.querySelector<HTMLDialogElement>('dialog.confirm[role="alertdialog"]');
  if (dialog && !dialog.open && dialog.isConnected) dialog.showModal();
}
