/**
 * The pages the server serves and the built HTML file behind each. Vite builds the files
 * that exist; the server maps the paths. Kept free of imports so the Vite config can read it.
 */
export const PAGES: ReadonlyArray<{ path: string; file: string }> = [
  { path: '/kiosk', file: 'printers/kiosk.html' },
  { path: '/display/hall', file: 'displays/hall.html' },
  { path: '/display/window', file: 'displays/window.html' },
  { path: '/counter', file: 'counters/counter.html' },
  { path: '/rating', file: 'counters/rating.html' },
  { path: '/manager', file: 'displays/manager.html' },
  { path: '/ticket/:hallId/:ticketId', file: 'displays/ticket.html' },
  { path: '/book', file: 'displays/book.html' },
  { path: '/hall-info', file: 'displays/hall-info.html' },
  { path: '/admin', file: 'displays/admin.html' },
  { path: '/reports', file: 'displays/reports.html' },
  { path: '/audit', file: 'displays/audit.html' },
];

/** Where `vite build` writes the pages, relative to the project root. */
export const WEB_DIST = 'dist/web';
