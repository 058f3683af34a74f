import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HighWaterMarks } from '../../server/store/high-water';

describe('durable high-water marks', () => {
  it('keep the highest marks across reopening, in two alternating files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qms-hw-'));
    const marks = new HighWaterMarks(dir);
    await marks.record('yuxi', '2026-11-26', { estate: 1 });
    await marks.record('yuxi', '2026-11-26', { estate: 2, tax: 1 });
    await marks.record('yuxi', '2026-11-26', { estate: 10, tax: 1 });
    await marks.close();
    expect(readdirSync(join(dir, 'high-water', 'yuxi')).sort()).toEqual(['2026-11-26.a.json', '2026-11-26.b.json']);
    expect(await new HighWaterMarks(dir).read('yuxi', '2026-11-26')).toEqual({ estate: 10, tax: 1 });
    expect(await new HighWaterMarks(dir).read('yuxi', '2026-11-27')).toEqual({});
  });

  it('a write torn by a crash spoils one file; the other still holds the mark before it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qms-hw-'));
    const marks = new HighWaterMarks(dir);
    await marks.record('yuxi', '2026-11-26', { police: 7 }); // file a
    await marks.record('yuxi', '2026-11-26', { police: 8 }); // file b
    await marks.close();
    writeFileSync(join(dir, 'high-water', 'yuxi', '2026-11-26.b.json'), '{"police":');
    expect(await new HighWaterMarks(dir).read('yuxi', '2026-11-26')).toEqual({ police: 7 });
  });
});
