/**
 * The ticket on the kiosk screen right after it was taken: the number very large, the area and
 * item, people ahead and the estimated wait, and a QR code to the ticket's live page — so the
 * citizen is served even when the paper fails, which is said plainly with the reason.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import QRCode from 'qrcode';
import type { MessageTable } from '../../server/i18n';
import type { IssueResponse } from '../../server/protocol';
import { baseStyles } from '../../displays/shared/page-styles';
import { kioskStyles } from './kiosk-styles';
import { kioskTicketStyles } from './qms-kiosk-ticket-styles';

/** The issue answer, with the link its QR code leads to (`ticketUrl`: it carries the ticket's credential, never its id). */
export type KioskIssue = IssueResponse;

type KioskWords = MessageTable['kiosk'];
type PrintErrorKey = keyof KioskWords['printErrors'];

@customElement('qms-kiosk-ticket')
export class QmsKioskTicket extends LitElement {
  static override styles = [baseStyles, kioskStyles, kioskTicketStyles];

  @property({ attribute: false }) issued: KioskIssue | null = null;
  @property({ attribute: false }) words!: KioskWords;
  @property() areaName = '';
  @property() serviceName = '';
  @property() priorityLabel = '';
  /** 一件事一次办: the bundle, the step and what follows; empty for one service. */
  @property() journeyLine = '';
  /** Seconds before the kiosk returns to its start screen. */
  @property({ type: Number }) remaining = 0;
  /** A reprint is on its way to the printer. */
  @property({ type: Boolean }) busy = false;

  @state() private _qr = '';
  private _qrFor = '';

  override willUpdate(): void {
    const url = this._link();
    if (url && url !== this._qrFor) {
      this._qrFor = url;
      this._qr = '';
      QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 240 }).then(
        (data) => {
          if (this._qrFor === url) this._qr = data;
        },
        // A link too long to encode leaves the space blank; the slip still shows the number.
        () => undefined,
      );
    }
  }

  private _link(): string {
    return this.issued?.ticketUrl ?? '';
  }

  override render() {
    const w = this.words;
    const issued = this.issued;
    if (!issued) return nothing;
    const t = issued.ticket;
    return html`
      <div class="card" role="region" aria-label=${w.yourNumber}>
        <h1 class="label">${w.yourNumber}</h1>
        <div class="number" data-number>${t.number}</div>
        ${this.priorityLabel ? html`<div class="badge">${this.priorityLabel}</div>` : nothing}
        <div class="area">${this.areaName}</div>
        ${this.serviceName ? html`<div class="service">${w.service}：${this.serviceName}</div>` : nothing}
        ${this.journeyLine ? html`<div class="service journey" data-journey-line>${this.journeyLine}</div>` : nothing}
        <div class="follow">
          ${
            t.ahead !== null
              ? html`<div class="queue">
                <div>${w.ahead(t.ahead)}</div>
                <div class="wait">${t.estimatedWaitMinutes === null ? w.noEstimate : w.estimatedWait(t.estimatedWaitMinutes)}</div>
              </div>`
              : html`<div></div>`
          }
          <div class="qr">
            ${this._qr ? html`<img src=${this._qr} alt=${w.scanToTrack} data-url=${this._link()} />` : html`<div class="qr-space"></div>`}
            <div class="scan">${w.scanToTrack}</div>
          </div>
        </div>
      </div>
      ${t.assistance ? html`<div class="assistance" role="status">${w.assistanceComing}</div>` : nothing}
      ${this._printNote(issued.print)}
      <div class="listen">${w.listenForCall}</div>
      <div class="actions">
        ${issued.print.status === 'failed' ? html`<button class="back reprint" ?disabled=${this.busy} @click=${this._onReprint}>${w.reprint}</button>` : nothing}
        <button class="primary" @click=${this._onDone}>${w.done}</button>
      </div>
      <div class="countdown">${w.returningIn(this.remaining)}</div>
    `;
  }

  private _printNote(print: KioskIssue['print']) {
    const w = this.words;
    if (print.status === 'printed') return html`<div class="print printed" role="status">${w.printed}</div>`;
    if (print.status === 'none') return html`<div class="print none" role="status">${w.noPrinter}</div>`;
    const reason = print.error && print.error in w.printErrors ? w.printErrors[print.error as PrintErrorKey] : w.printErrors.printer_error;
    // 重新打印凭条 sits beside 完成, so both stay on the portrait screen.
    return html`<div class="print failed" role="alert">${w.printFailed}<span class="reason">${reason}</span></div>`;
  }

  private _onReprint() {
    this.dispatchEvent(new CustomEvent('qms-kiosk-reprint', { bubbles: true, composed: true }));
  }

  private _onDone() {
    this.dispatchEvent(new CustomEvent('qms-kiosk-back', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-kiosk-ticket': QmsKioskTicket;
  }
}
