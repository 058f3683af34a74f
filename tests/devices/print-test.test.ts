/**
 * The console's printer test over the API, on a real server: a kiosk's printer on loopback TCP gets
 * the zh-CN test slip as ESC/POS (decoded back from GB18030); a printer that is off (connection
 * refused) answers 503 printer_refused in words, fast; a device without a printer, an unknown device
 * and another hall's manager are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../printers/virtual-printer';
import { config, put } from '../support/hall-config';
import { freePort } from '../support/redis';
import { startServer, type TestServer } from '../support/server';

const TEST = (device: string) => `/api/v1/admin/halls/yuxi/devices/${device}/print-test`;

describe('printer test', () => {
  let printer: VirtualPrinter;
  let srv: TestServer;

  beforeAll(async () => {
    printer = await VirtualPrinter.start();
    srv = await startServer({ store: 'embedded', env: { QMS_DEMO_PRINTER: printer.address } });
  });
  afterAll(async () => {
    await srv?.close();
    await printer?.close();
  });

  it('prints the zh-CN test slip on the kiosk’s printer: hall, device, Beijing time, GB18030 characters', async () => {
    const res = await srv.request('POST', TEST('kiosk01'), { as: 'manager', body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    const job = await printer.jobWhere((j) => j.decoded.lines.includes('打印测试'));
    expect(job.decodeError).toBeNull();
    const lines = job.decoded.lines;
    expect(lines).toEqual(
      expect.arrayContaining(['大厅：玉溪市政务服务中心', '设备：kiosk01', '中文测试：政务服务，便民利民。', 'GB18030 校验字：㐀 䶵 𠀀 𪚥 鿕 〇']),
    );
    expect(lines.find((l) => l.startsWith('时间：'))).toMatch(/^时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）$/);
    // 𠀀 (U+20000) is four bytes in GB18030 (0x95 0x32 0x82 0x36): not GBK, not UTF-8.
    expect(job.bytes.includes(Buffer.from([0x95, 0x32, 0x82, 0x36]))).toBe(true);
    expect(job.bytes.includes(Buffer.from('𠀀', 'utf8'))).toBe(false);
    expect(job.decoded.commands).toContain('cut');
  });

  it('answers 503 printer_refused in words, fast, when the printer is off', async () => {
    const off = `tcp://127.0.0.1:${await freePort()}`;
    const { version, hall } = await config(srv);
    const devices = [...(hall.devices as Array<Record<string, unknown>>), { id: 'kiosk-off', kind: 'kiosk', printer: off }];
    expect((await put(srv, { ...hall, devices }, version)).status).toBe(200);
    const started = Date.now();
    const res = await srv.request('POST', TEST('kiosk-off'), { as: 'admin', body: {} });
    const took = Date.now() - started;
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('printer_refused');
    expect(res.body.error.message).toBe('打印机未开机或未联网（连接被拒绝）');
    expect(took).toBeLessThan(1000);
    const en = await srv.request('POST', TEST('kiosk-off'), { as: 'admin', body: {}, headers: { 'accept-language': 'en' } });
    expect(en.body.error.message).toBe('Printer is off or offline (connection refused)');
  });

  it('refuses a device without a printer, an unknown device and another hall’s manager', async () => {
    const none = await srv.request('POST', TEST('display01'), { as: 'manager', body: {} });
    expect(none.status).toBe(409);
    expect(none.body.error).toMatchObject({ code: 'printer_not_configured', message: '该设备未配置打印机：device display01 has no printer' });
    const unknown = await srv.request('POST', TEST('kiosk99'), { as: 'manager', body: {} });
    expect(unknown.status).toBe(404);
    const other = await srv.request('POST', TEST('kiosk01'), { as: 'tonghai-manager', body: {} });
    expect(other.status).toBe(403);
    const clerk = await srv.request('POST', TEST('kiosk01'), { as: 'clerk01', body: {} });
    expect(clerk.status).toBe(403);
  });
});
