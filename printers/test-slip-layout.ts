/**
 * The printer test slip (打印测试): what the console's "printer test" prints on a kiosk's printer,
 * through the same ESC/POS path as tickets. Always zh-CN, since it checks the Chinese font: the
 * hall, the device, the time in the hall's zone, a line of Chinese and characters only GB18030
 * encodes (CJK extensions A and B, four bytes each), so a missing font or a GBK-only printer shows.
 */
import { messages } from '../server/i18n';
import { toLocalIso } from '../server/domain/time';
import { printableText, type TicketBlock, type TicketLayout } from './ticket-layout';

const line = (text: string, align: 'left' | 'center' = 'left', size: 1 | 2 = 1, bold = false): TicketBlock => ({
  kind: 'text',
  text: printableText(text),
  align,
  size,
  bold,
});

export function testSlipLayout(facts: { hallName: string; deviceId: string; at: number; timeZone: string }): TicketLayout {
  const w = messages('zh-CN').adminPeople.testSlip;
  const iso = toLocalIso(facts.at, facts.timeZone);
  return {
    blocks: [
      line(w.title, 'center', 2, true),
      { kind: 'rule' },
      line(w.hall(facts.hallName)),
      line(w.device(facts.deviceId)),
      line(w.time(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`)),
      { kind: 'rule' },
      line(w.chinese),
      line(w.gb18030),
      { kind: 'rule' },
      line(w.ok, 'center'),
      { kind: 'feed', lines: 2 },
    ],
  };
}
