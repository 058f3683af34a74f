/**
 * The ticket printer port: the server asks for a layout to be printed at a printer's address and
 * learns whether it was. Adapters: ESC/POS over TCP (`tcp-ticket-printer.ts`) for real printers,
 * and a recording one (`recording-ticket-printer.ts`) for tests that only care what was asked.
 */
import type { PrintErrorCode } from '../server/i18n/kiosk';
import type { TicketLayout } from './ticket-layout';

export type { PrintErrorCode };

/** Why a ticket was not printed; `code` is what the API answers in `print.error`. */
export class PrintError extends Error {
  constructor(
    readonly code: PrintErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PrintError';
  }
}

export interface TicketPrinter {
  /**
   * Prints one ticket at `address` (`tcp://host:9100`). Resolves once the printer has taken it;
   * rejects with a `PrintError`, always within a few seconds, so a citizen never waits on paper.
   */
  print(address: string, layout: TicketLayout): Promise<void>;
}
