/**
 * A ticket's public credential as a citizen gets it: the last part of the tracking link the issue
 * answer gives (the QR code's content). Tests use it wherever a phone or a passer-by would.
 */
export function credentialOf(issued: { ticketUrl: string }): string {
  return decodeURIComponent(new URL(issued.ticketUrl).pathname.split('/').at(-1)!);
}

/** The issued ticket with the credential of its link beside it (`key`). */
export function withCredential<T extends { ticket: object; ticketUrl: string }>(issued: T): T['ticket'] & { key: string } {
  return { ...issued.ticket, key: credentialOf(issued) };
}
