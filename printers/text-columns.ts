/**
 * Text width on a thermal printer in Chinese mode: an ASCII character takes one column of the
 * 12-dot font, every other character a 24-dot full-width glyph, i.e. two columns. Paper and the
 * preview wrap lines with the same rule so they break at the same places.
 */

/** Columns a character takes. */
function charColumns(ch: string): number {
  return ch.codePointAt(0)! < 0x80 ? 1 : 2;
}

/** Columns a string takes. */
function textColumns(text: string): number {
  let n = 0;
  for (const ch of text) n += charColumns(ch);
  return n;
}

/**
 * Breaks text into lines of at most `columns` columns. Full-width text breaks anywhere (as
 * Chinese is written); a run of ASCII letters and digits stays whole when it fits on a line.
 */
export function wrapColumns(text: string, columns: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let width = 0;
    // Tokens: one full-width character, or a run of ASCII word characters, or one other ASCII character.
    for (const token of paragraph.match(/[A-Za-z0-9]+|[\s\S]/gu) ?? []) {
      const w = textColumns(token);
      if (width + w > columns && width > 0) {
        lines.push(line.trimEnd());
        line = '';
        width = 0;
        if (token === ' ') continue;
      }
      if (w > columns) {
        // A word longer than a line: cut it.
        for (const ch of token) {
          if (width + 1 > columns) {
            lines.push(line);
            line = '';
            width = 0;
          }
          line += ch;
          width += 1;
        }
        continue;
      }
      line += token;
      width += w;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
