/**
 * Where the links printed on tickets point. A QR code is a promise to the citizen who scans it, so
 * its origin comes from configuration only — the hall's own `publicUrl`, else `QMS_PUBLIC_URL`, else
 * (the demo, which has neither) the address the server listens on — and never from a request
 * header: a `Host: evil.example` passed through by a proxy would otherwise print a phishing link
 * on real paper.
 */
export function publicOrigin(hall: { publicUrl?: string | undefined } | undefined, configured: string | null, listening: string): string {
  return hall?.publicUrl ?? configured ?? listening;
}

/**
 * What a staff preview of a ticket carries instead of the ticket's credential (the credential is
 * the citizen's secret: whoever has it follows and acts on the ticket). As long as a real one
 * (16 characters), so the preview's QR code has the size the paper's has.
 */
export const PREVIEW_CREDENTIAL = 'PREVIEW000000000';
