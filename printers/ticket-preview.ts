/**
 * The ticket as an HTML page, drawn from the same layout as the paper at the printer's own scale
 * (80 mm paper: 576 dots, a 24-dot full-width glyph, QR modules of 6 dots), wrapped with the same
 * rule, so a manager sees what the citizen will hold without wasting paper.
 */
import QRCode from 'qrcode';
import { wrapColumns } from './text-columns';
import type { TicketBlock, TicketLayout } from './ticket-layout';

export interface PreviewOptions {
  /** Columns of the normal font: 48 on 80 mm paper, 32 on 58 mm. */
  columns?: number;
  qrCellSize?: number;
  title?: string;
  lang?: string;
}

/** One column of the normal font is 12 dots; one dot is drawn as one CSS pixel. */
const DOTS_PER_COLUMN = 12;
const LINE_DOTS = 30;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

async function blockHtml(b: TicketBlock, columns: number, qrCellSize: number): Promise<string> {
  switch (b.kind) {
    case 'text': {
      const lines = wrapColumns(b.text, Math.floor(columns / b.size));
      const style = `text-align:${b.align};font-size:${24 * b.size}px;line-height:${LINE_DOTS * b.size}px;font-weight:${b.bold ? 700 : 400}`;
      return lines.map((l) => `<div class="line" style="${style}">${escapeHtml(l) || '&nbsp;'}</div>`).join('');
    }
    case 'rule':
      return `<div class="line rule">${'-'.repeat(columns)}</div>`;
    case 'feed':
      return `<div style="height:${LINE_DOTS * b.lines}px"></div>`;
    case 'qr': {
      const size = QRCode.create(b.data, { errorCorrectionLevel: 'M' }).modules.size * qrCellSize;
      const svg = await QRCode.toString(b.data, { type: 'svg', errorCorrectionLevel: 'M', margin: 0, width: size });
      return `<div class="qr" title="${escapeHtml(b.data)}">${svg}</div>`;
    }
  }
}

/** A whole HTML document showing the ticket on a strip of paper. */
export async function ticketPreviewHtml(layout: TicketLayout, opts: PreviewOptions = {}): Promise<string> {
  const columns = opts.columns ?? 48;
  const qrCellSize = opts.qrCellSize ?? 6;
  const body = (await Promise.all(layout.blocks.map((b) => blockHtml(b, columns, qrCellSize)))).join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(opts.lang ?? 'zh-CN')}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(opts.title ?? '')}</title>
<style>
  body { margin: 0; padding: 24px; background: #5b6472; display: flex; justify-content: center; }
  .paper { width: ${columns * DOTS_PER_COLUMN}px; padding: 24px 16px 48px; background: #fff; color: #000;
    font-family: 'Noto Sans Mono CJK SC', 'NSimSun', monospace;
    box-shadow: 0 4px 16px rgba(0,0,0,.4); }
  .line { white-space: pre; overflow: hidden; }
  .rule { font-size: 24px; line-height: ${LINE_DOTS}px; }
  .qr { display: flex; justify-content: center; padding: 8px 0; }
  .cut { border-top: 2px dashed #999; margin-top: 32px; }
</style>
</head>
<body>
<div class="paper">
${body}
<div class="cut"></div>
</div>
</body>
</html>
`;
}
