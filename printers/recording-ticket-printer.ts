/**
 * A ticket printer that keeps what it was asked to print, for tests that care about the request
 * (which printer, which layout) rather than the bytes. It can be told to fail like a real one.
 */
import type { TicketLayout } from './ticket-layout';
import { PrintError, type PrintErrorCode, type TicketPrinter } from './ticket-printer';

export interface RecordedPrint {
  address: string;
  layout: TicketLayout;
}

export class RecordingTicketPrinter implements TicketPrinter {
  readonly printed: RecordedPrint[] = [];
  /** Set: every print fails with this code until cleared. */
  failWith: PrintErrorCode | null = null;

  async print(address: string, layout: TicketLayout): Promise<void> {
    if (this.failWith !== null) throw new PrintError(this.failWith, `${address}: recorded failure`);
    this.printed.push({ address, layout });
  }
}
