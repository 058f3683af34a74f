/**
 * For installers: prints a test ticket to a network receipt printer, exactly as a kiosk would.
 *
 *   npm run print:test -- tcp://192.168.1.50:9100      print on that printer
 *   npm run print:test -- tcp://192.168.1.50:9100 --columns 32   58 mm paper
 *   npm run print:test -- virtual                       no printer: print to a virtual one and show the text
 *
 * The ticket uses the first hall of the configuration (QMS_CONFIG, else the demo hall). It reports
 * the printer's paper status, how long it took, and on failure why, with a non-zero exit code.
 */
import { loadHalls } from '../server/config/halls';
import { loadSettings } from '../server/config/settings';
import { toLocalIso } from '../server/domain/time';
import { EscPosTicketRenderer } from '../printers/escpos-ticket';
import { TcpTicketPrinter } from '../printers/tcp-ticket-printer';
import { OutboundPolicy } from '../server/outbound/outbound-policy';
import { ticketLayout, ticketUrl } from '../printers/ticket-layout';
import { PrintError } from '../printers/ticket-printer';
import { VirtualPrinter } from '../printers/virtual-printer';

function usage(): never {
  console.error('usage: npm run print:test -- tcp://host:9100 [--columns 48|32]   (or: virtual)');
  process.exit(2);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const target = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  if (!target) usage();
  const columnsAt = args.indexOf('--columns');
  const columns = columnsAt >= 0 ? Number(args[columnsAt + 1]) : 48;
  if (!Number.isInteger(columns) || columns < 16 || columns > 64) usage();

  const settings = loadSettings();
  const hall = loadHalls({ configPath: settings.configPath, demo: settings.demo }).halls[0]!;
  const area = hall.areas[0]!;
  const now = Date.now();
  const layout = ticketLayout({
    hall,
    ticket: {
      id: 'print-test',
      number: `${area.prefix}000`,
      areaId: area.id,
      serviceId: area.services[0]?.id ?? null,
      priority: 'normal',
      issuedAt: toLocalIso(now, hall.timezone),
      ahead: 0,
      estimatedWaitMinutes: 0,
    },
    ticketUrl: ticketUrl(settings.publicUrl ?? `http://localhost:${settings.port}`, hall.id, 'print-test'),
  });

  const virtual = target === 'virtual' ? await VirtualPrinter.start() : null;
  const address = virtual?.address ?? target;
  // The server's outbound rule: LAN addresses on 9100–9109, or what QMS_OUTBOUND_ALLOW lists.
  const printer = new TcpTicketPrinter({ renderer: new EscPosTicketRenderer({ columns }), outbound: new OutboundPolicy(settings.outboundAllow) });
  const t0 = performance.now();
  try {
    const status = await printer.status(address);
    console.log(`${address}: answers, paper ${status.paper} (status byte 0x${status.byte.toString(16).padStart(2, '0')})`);
    await printer.print(address, layout);
    console.log(`test ticket sent in ${(performance.now() - t0).toFixed(0)} ms`);
    if (virtual) {
      const job = await virtual.job(0);
      console.log(`${job.bytes.length} bytes; commands: ${[...new Set(job.decoded.commands)].join(', ')}; QR: ${job.decoded.qr.join(' ')}`);
      console.log(job.decoded.lines.map((l) => `  | ${l}`).join('\n'));
    }
    return 0;
  } catch (err) {
    const why = err instanceof PrintError ? `${err.code}: ${err.message}` : String(err);
    console.error(`not printed after ${(performance.now() - t0).toFixed(0)} ms — ${why}`);
    return 1;
  } finally {
    await virtual?.close();
  }
}

process.exit(await main());
