/**
 * A hall's devices for its administrators: the printer test (打印测试), which prints a short zh-CN
 * slip on a kiosk's printer through the same printer path as tickets, so "the test printed" means
 * tickets will. A printer that fails answers 503 with the printer's own code (`printer_refused`,
 * `printer_paper_out`, …), fast: the TCP printer gives up within a few seconds.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { testSlipLayout } from '../../printers/test-slip-layout';
import { PrintError, type PrintErrorCode, type TicketPrinter } from '../../printers/ticket-printer';
import { DomainError, type ErrorCode } from '../domain/errors';
import { errorResponses } from '../http/schemas/common';
import { DeviceParams, PrintTestResponse } from './account-schemas';

const tags = ['accounts'];

// Compile-time: every printer failure is an error code the API can answer with.
const printFailuresAreErrors: PrintErrorCode extends ErrorCode ? true : false = true;
void printFailuresAreErrors;

const deviceRoutes: FastifyPluginAsyncTypebox<{ printer: TicketPrinter }> = async (app, { printer }) => {
  const printLog = app.log.child({ module: 'printer' });

  app.post(
    '/admin/halls/:hallId/devices/:deviceId/print-test',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: {
        summary: '打印测试 · Print a test slip on the printer of a kiosk',
        description:
          'Prints hall, device, time and GB18030 check characters. A failing printer answers 503 with its code (`printer_refused`, `printer_paper_out`, …).',
        tags,
        params: DeviceParams,
        response: { 200: PrintTestResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, deviceId } = request.params;
      const hall = app.qms.service.hall(hallId);
      if (!hall) throw new DomainError('hall_not_found', hallId);
      const device = hall.devices.find((d) => d.id === deviceId);
      if (!device) throw new DomainError('not_found', `no device ${deviceId} in hall ${hallId}`);
      if (!device.printer) throw new DomainError('printer_not_configured', `device ${deviceId} has no printer`);
      const layout = testSlipLayout({ hallName: hall.name, deviceId, at: app.qms.clock.now(), timeZone: hall.timezone });
      try {
        await printer.print(device.printer, layout);
      } catch (err) {
        const code = err instanceof PrintError ? err.code : 'printer_error';
        printLog.warn({ err, hallId, deviceId, printer: device.printer, code }, 'printer test failed');
        throw new DomainError(code, err instanceof Error ? err.message : String(err));
      }
      printLog.info({ hallId, deviceId, printer: device.printer }, 'printer test printed');
      return { ok: true as const };
    },
  );
};

export default deviceRoutes;
