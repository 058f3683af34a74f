/**
 * Names people type (a hall, an area, a service, a window, a staff member) end up on paper (ESC/POS:
 * a carriage return or an ESC byte is a printer command), in a text message and in line-based
 * protocols and logs, where a line break starts a new record. So such a name never holds a control
 * character: C0 (tabs and line breaks included), DEL, C1, and the Unicode line and paragraph
 * separators. One rule, used by every schema that takes a name.
 */
const CONTROL_CHARACTERS = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029';

/** As a schema `pattern` takes it: text without control characters. */
export const PLAIN_TEXT_SOURCE = `^[^${CONTROL_CHARACTERS}]*$`;
const PLAIN_TEXT = new RegExp(PLAIN_TEXT_SOURCE);
const CONTROL = new RegExp(`[${CONTROL_CHARACTERS}]`, 'g');

export function isPlainText(text: string): boolean {
  return PLAIN_TEXT.test(text);
}

/** For output that must never carry one even from older data: each control character becomes a space. */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL, ' ');
}
