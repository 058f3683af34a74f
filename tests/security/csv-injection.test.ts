/**
 * CSV exports are formula-safe (OWASP CSV injection): an area named `=HYPERLINK("http://x","y")` or
 * `+cmd|' /C calc'!A0` reaches `stats.csv` as text a spreadsheet will not run — a leading `'` — by
 * the one rule the report across halls uses too (`server/domain/csv-cell.ts`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, put } from '../support/hall-config';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const FORMULAS = { tax: '=HYPERLINK("http://x","y")', fund: "+cmd|' /C calc'!A0", invest: '@SUM(1+1)', estate: '-2+3' };

/** Minimal RFC 4180 reader: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('CSV exports', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', env: { QMS_KIOSK_TICKETS_PER_MINUTE: '1000' } });
    const { version, hall } = await config(srv);
    const areas = (hall.areas as unknown as Array<{ id: string; name: string }>).map((a) => ({
      ...a,
      name: FORMULAS[a.id as keyof typeof FORMULAS] ?? a.name,
    }));
    expect((await put(srv, { ...hall, areas }, version, 'admin')).status).toBe(200);
    for (const areaId of Object.keys(FORMULAS)) await srv.post(`${H}/tickets`, 'kiosk01', { areaId }, 201);
  });
  afterAll(async () => srv?.close());

  it('stats.csv writes names that look like formulas as text', async () => {
    const res = await srv.request('GET', `${H}/stats.csv`, { as: 'manager' });
    expect(res.status).toBe(200);
    const rows = parseCsv(res.body as string);
    const areaColumn = rows[0]!.indexOf('业务区');
    const byId = new Map(rows.slice(1).map((r) => [r[1], r[areaColumn]]));
    for (const [id, name] of Object.entries(FORMULAS)) expect(byId.get(id)).toBe(`'${name}`);
    // No cell of the file starts a formula.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('numbers stay numbers (a figure is never quoted)', async () => {
    const rows = parseCsv((await srv.request('GET', `${H}/stats.csv`, { as: 'manager' })).body as string);
    const issued = rows[0]!.indexOf('取号');
    expect(rows.find((r) => r[1] === 'tax')![issued]).toBe('1');
  });
});
