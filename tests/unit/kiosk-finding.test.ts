/**
 * The kiosk's rules that live outside the page: whether anyone calls an area now (`areaStaffing`,
 * said on the tile before a ticket), and finding an item by the digits of its code or by browsing
 * an area's items by department (`service-search`).
 */
import { describe, expect, it } from 'vitest';
import { areaStaffing } from '../../server/domain/open-windows';
import { browseArea, browseAreas, searchIndex, searchServices } from '../../displays/shared/service-search';

describe('areaStaffing', () => {
  const w = (status: 'open' | 'paused' | 'closed', areaIds: string[], pauseReason: string | null = null) => ({ status, areaIds, pauseReason });

  it('is open while any window serving the area is open, however many are paused or closed', () => {
    expect(areaStaffing([w('closed', ['tax']), w('paused', ['tax']), w('open', ['tax', 'estate'])], 'tax')).toEqual({ kind: 'open', windows: 1 });
  });
  it('is paused, with each reason once, when the serving windows are paused or closed but not open', () => {
    expect(areaStaffing([w('paused', ['tax'], '午休'), w('paused', ['tax'], '午休'), w('paused', ['tax'], ' '), w('closed', ['tax'])], 'tax')).toEqual({
      kind: 'paused',
      reasons: ['午休'],
    });
  });
  it('is closed when its windows exist but none is staffed, and unserved when no window serves it', () => {
    expect(areaStaffing([w('closed', ['tax']), w('open', ['estate'])], 'tax')).toEqual({ kind: 'closed' });
    expect(areaStaffing([w('open', ['estate'])], 'tax')).toEqual({ kind: 'unserved' });
    expect(areaStaffing([], 'tax')).toEqual({ kind: 'unserved' });
  });
});

describe('finding a service without pinyin', () => {
  const index = searchIndex([
    {
      id: 'police',
      name: '公安事务',
      prefix: 'H',
      services: [
        { id: '11530400MB777001', name: '机动车驾驶人体检信息备案', department: '车管所' },
        { id: 'police-02', name: '居民身份证申领', department: '公安局' },
        { id: 'police-03', name: '普通护照申领', department: '出入境' },
        { id: 'police-04', name: '临时身份证申领', department: '公安局' },
      ],
    },
    { id: 'tax', name: '税务事项专办', prefix: 'D', services: [{ id: 'tax-01', name: '发票申领', department: '税务局' }] },
  ]);

  it('finds an item by the digits of its code, the code that ends with them first, and says the code', () => {
    const hits = searchServices(index, '777001');
    expect(hits.map((h) => [h.name, h.codeMatch])).toEqual([['机动车驾驶人体检信息备案', '11530400MB777001']]);
    expect(searchServices(index, '02').map((h) => h.serviceId)).toEqual(['police-02']);
    expect(
      searchServices(index, '0')
        .map((h) => h.serviceId)
        .sort(),
    ).toEqual(['11530400MB777001', 'police-02', 'police-03', 'police-04', 'tax-01']);
    // Ending with the digits typed comes before only containing them.
    expect(searchServices(index, '1').map((h) => h.serviceId)).toEqual(['tax-01', '11530400MB777001']);
    // Letters are still pinyin, not codes: `mb` is no item's name.
    expect(searchServices(index, 'mb')).toEqual([]);
  });

  it('lists the areas with their counts, and an area’s items by department in catalogue order', () => {
    expect(browseAreas(index).map((a) => [a.entry.name, a.items])).toEqual([
      ['公安事务', 4],
      ['税务事项专办', 1],
    ]);
    expect(browseArea(index, 'police').map((g) => [g.department, g.items.map((i) => i.name)])).toEqual([
      ['车管所', ['机动车驾驶人体检信息备案']],
      ['公安局', ['居民身份证申领', '临时身份证申领']],
      ['出入境', ['普通护照申领']],
    ]);
  });
});
