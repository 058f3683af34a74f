/**
 * ESC/POS over real TCP to a printer stood in by a loopback server: what arrives decodes (GB18030)
 * to the ticket, carries init, QR and cut, survives rare characters and emoji, and every way a
 * printer can fail becomes a clear failure within the kiosk's 5 s.
 */
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { YUXI } from '../../server/config/demo-halls';
import type { HallConfig } from '../../server/domain/types';
import { decodeEscPos } from '../../printers/escpos-decode';
import { EscPosTicketRenderer } from '../../printers/escpos-ticket';
import { TcpTicketPrinter } from '../../printers/tcp-ticket-printer';
import { OutboundPolicy } from '../../server/outbound/outbound-policy';
import { ticketLayout, type TicketFacts } from '../../printers/ticket-layout';
import { PrintError } from '../../printers/ticket-printer';
import { VirtualPrinter } from '../../printers/virtual-printer';
import { freePort } from '../support/redis';

const printers: VirtualPrinter[] = [];
afterEach(async () => {
  await Promise.all(printers.splice(0).map((p) => p.close()));
});

async function virtualPrinter(mode: 'ok' | 'silent' | 'paper-out' = 'ok'): Promise<VirtualPrinter> {
  const p = await VirtualPrinter.start({ mode });
  printers.push(p);
  return p;
}

/** The stand-in printers listen on 127.0.0.1, which only the outbound allow-list opens to printing. */
const localPrinter = () => new TcpTicketPrinter({ outbound: new OutboundPolicy(['127.0.0.1']) });

const URL_OF = (id: string) => `http://qms.example.cn/ticket/yuxi/${id}`;

function facts(patch: Partial<TicketFacts['ticket']> = {}, hall: HallConfig = YUXI): TicketFacts {
  return {
    hall,
    ticket: {
      id: 'tk1',
      number: 'B012',
      areaId: 'estate',
      serviceId: 'estate-02',
      priority: 'normal',
      issuedAt: '2026-11-25T09:05:00.000+08:00',
      ahead: 3,
      estimatedWaitMinutes: 18,
      ...patch,
    },
    ticketUrl: URL_OF(patch.id ?? 'tk1'),
  };
}

/** Times a print and returns the failure it ended with. */
async function failure(run: () => Promise<unknown>): Promise<{ code: string; ms: number }> {
  const t0 = performance.now();
  try {
    await run();
  } catch (err) {
    const ms = performance.now() - t0;
    if (!(err instanceof PrintError)) throw err;
    return { code: err.code, ms };
  }
  throw new Error('print succeeded');
}

describe('a ticket over TCP', () => {
  it('decodes as GB18030 to the whole ticket, after init and Chinese mode, with its QR and a cut', async () => {
    const printer = await virtualPrinter();
    await localPrinter().print(printer.address, ticketLayout(facts()));
    const job = await printer.job(0);

    expect(job.decodeError).toBeNull();
    expect(job.decoded.lines).toEqual([
      '玉溪市政务服务中心',
      '-'.repeat(48),
      '不动产联办',
      'B012',
      '-'.repeat(48),
      '办理事项：不动产转移登记（存量房买卖）',
      '前面还有 3 人等候',
      '预计等候约 18 分钟',
      '取号时间：2026-11-25 09:05',
      '',
      '扫码查看排队进度',
      '-'.repeat(48),
      '过号后60分钟内可重新排队，号码保留',
      '请在取号机“过号重排”扫码或到服务台办理',
      '延时服务：每周三 19:00–21:00 夜市',
    ]);
    // The status question first, then ESC @ and FS & before any text.
    expect([...job.bytes.subarray(0, 7)]).toEqual([0x10, 0x04, 0x04, 0x1b, 0x40, 0x1c, 0x26]);
    expect(job.decoded.commands.slice(0, 3)).toEqual(['status-query', 'init', 'chinese-mode']);
    // GS ( k stores the ASCII URL and prints it; GS V cuts after the last line.
    expect(job.decoded.qr).toEqual([URL_OF('tk1')]);
    expect(job.bytes.includes(Buffer.from([0x1d, 0x28, 0x6b]))).toBe(true);
    expect(job.decoded.commands).toContain('qr-print');
    const cutAt = job.bytes.lastIndexOf(Buffer.from([0x1d, 0x56]));
    expect(cutAt).toBeGreaterThan(job.bytes.lastIndexOf(iconv.encode('夜市', 'gb18030')));
    // The number is printed four times the normal size (GS ! 0x33) right before it.
    const numberAt = job.bytes.indexOf(Buffer.from('B012\n'));
    expect(job.bytes.subarray(numberAt - 9, numberAt).includes(Buffer.from([0x1d, 0x21, 0x33]))).toBe(true);
  });

  it('keeps the rest of the ticket intact around a rare character and an emoji in a service name', async () => {
    const hall = structuredClone(YUXI);
    hall.areas.find((a) => a.id === 'estate')!.services.push({ id: 'estate-rare', name: '𠀀䶮龘户主😀🏠不动产登记' });
    const printer = await virtualPrinter();
    await localPrinter().print(printer.address, ticketLayout(facts({ serviceId: 'estate-rare' }, hall)));
    const job = await printer.job(0);

    expect(job.decoded.lines).toContain('办理事项：𠀀䶮龘户主不动产登记');
    // Outside GBK: both go out as four-byte GB18030 codes, not as a code-page switch.
    expect(job.bytes.includes(Buffer.from([0x95, 0x32, 0x82, 0x36]))).toBe(true); // 𠀀 U+20000
    expect(job.bytes.includes(iconv.encode('䶮', 'gb18030'))).toBe(true);
    // No code-page switch (ESC t) crept in: the strict decoder would have refused it.
    expect(job.decodeError).toBeNull();
    // Everything after the odd name still reads as written.
    const rest = job.decoded.lines.slice(job.decoded.lines.indexOf('办理事项：𠀀䶮龘户主不动产登记') + 1);
    expect(rest).toEqual([
      '前面还有 3 人等候',
      '预计等候约 18 分钟',
      '取号时间：2026-11-25 09:05',
      '',
      '扫码查看排队进度',
      '-'.repeat(48),
      '过号后60分钟内可重新排队，号码保留',
      '请在取号机“过号重排”扫码或到服务台办理',
      '延时服务：每周三 19:00–21:00 夜市',
    ]);
  });

  it('prints each ticket once: a second ticket carries only its own number', async () => {
    const printer = await virtualPrinter();
    const tcp = localPrinter();
    await tcp.print(printer.address, ticketLayout(facts({ id: 'tk1', number: 'B012' })));
    await tcp.print(printer.address, ticketLayout(facts({ id: 'tk2', number: 'B013' })));
    const second = await printer.job(1);
    expect(second.decoded.lines).toContain('B013');
    expect(second.decoded.lines).not.toContain('B012');
    expect(second.decoded.qr).toEqual([URL_OF('tk2')]);
    expect(second.decoded.commands.filter((c) => c === 'cut')).toHaveLength(1);
  });

  it('wraps a long service name at the paper width, full-width characters counting two columns', async () => {
    const hall = structuredClone(YUXI);
    const long = '国有建设用地使用权及房屋所有权首次登记（含地上建筑物、构筑物）ABC123';
    hall.areas.find((a) => a.id === 'estate')!.services.push({ id: 'estate-long', name: long });
    const bytes = new EscPosTicketRenderer({ columns: 32 }).render(ticketLayout(facts({ serviceId: 'estate-long' }, hall)));
    const lines = decodeEscPos(bytes).lines;
    const start = lines.findIndex((l) => l.startsWith('办理事项'));
    const wrapped = lines.slice(start, start + 3);
    expect(wrapped.join('')).toBe(`办理事项：${long}`);
    for (const l of wrapped) expect([...l].reduce((n, ch) => n + (ch.charCodeAt(0) < 0x80 ? 1 : 2), 0)).toBeLessThanOrEqual(32);
  });
});

describe('a printer that cannot print', () => {
  it('refused (nothing listening): fails as printer_refused at once', async () => {
    const port = await freePort();
    const { code, ms } = await failure(() => localPrinter().print(`tcp://127.0.0.1:${port}`, ticketLayout(facts())));
    console.info(`printer refused → ${code} after ${ms.toFixed(1)} ms`);
    expect(code).toBe('printer_refused');
    expect(ms).toBeLessThan(5000);
  });

  it('silent (accepts, never answers): fails as printer_no_answer within 5 s and sends no ticket', async () => {
    const printer = await virtualPrinter('silent');
    const { code, ms } = await failure(() => localPrinter().print(printer.address, ticketLayout(facts())));
    console.info(`printer silent → ${code} after ${ms.toFixed(1)} ms`);
    expect(code).toBe('printer_no_answer');
    expect(ms).toBeGreaterThanOrEqual(1400);
    expect(ms).toBeLessThan(5000);
    expect(printer.jobs).toHaveLength(0);
  });

  it('out of paper: fails as printer_paper_out and sends no ticket', async () => {
    const printer = await virtualPrinter('paper-out');
    const { code, ms } = await failure(() => localPrinter().print(printer.address, ticketLayout(facts())));
    expect(code).toBe('printer_paper_out');
    expect(ms).toBeLessThan(5000);
    expect(printer.jobs).toHaveLength(0);
  });

  it('a malformed address is a configuration error, not a hang', async () => {
    const { code } = await failure(() => localPrinter().print('lpt1', ticketLayout(facts())));
    expect(code).toBe('printer_bad_address');
  });
});
