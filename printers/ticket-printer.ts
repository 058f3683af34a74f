/**
 * The ticket printer port: the server asks for a layout to be printed at a printer's address and
 * learns whether it was. Adapters: ESC/POS over TCP (`tcp-ticket-printer.ts`) for real printers,
 * and a recording one (`recording-ticket-printer.ts`) for tests that only care what was asked.
 */
import type { MessageTable } from '../server/i18n';
import type { TicketLayout } from './ticket-layout';

/** Why a ticket did not come out of the printer: what the API answers in `print.error`. */
export type PrintErrorCode =
  | 'printer_bad_address'
  | 'printer_not_allowed'
  | 'printer_refused'
  | 'printer_unreachable'
  | 'printer_no_answer'
  | 'printer_paper_out'
  | 'printer_timeout'
  | 'printer_error';

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

// Compile-time: the kiosk and the manager's alerts have words for exactly these codes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const wordsForEveryCode: Same<keyof MessageTable['kiosk']['printErrors'], PrintErrorCode> = true;
void wordsForEveryCode;
