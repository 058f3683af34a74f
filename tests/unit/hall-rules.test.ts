/**
 * The hall configuration's consistency rules as structured problems (`server/domain/hall-rules.ts`):
 * each rule names its code, the offending field's path and the values to quote; the message table
 * words every code in both languages; `checkHallDoc` (the schema the console runs too) puts schema
 * failures at field paths; and the config file loader still words them in English.
 */
import { describe, expect, it } from 'vitest';
import { YUXI } from '../../server/config/demo-halls';
import { checkHallDoc, fieldPath } from '../../server/config/hall-schema';
import { toHallDoc } from '../../server/config/hall-doc';
import { checkHalls } from '../../server/config/halls';
import { HALL_PROBLEM_CODES, hallConfigProblems } from '../../server/domain/hall-rules';
import { hallProblemText, messages } from '../../server/i18n';

const yuxi = () => structuredClone(YUXI);

describe('hall consistency rules', () => {
  it('the demo hall has no problem', () => {
    expect(hallConfigProblems(YUXI)).toEqual([]);
    expect(checkHallDoc(toHallDoc(YUXI))).toEqual([]);
  });

  it('points each problem at the offending field, with the values to quote', () => {
    const h = yuxi();
    h.windows[1]!.number = 1;
    h.windows[2]!.areaIds = ['police', 'nowhere'];
    h.areas[1]!.prefix = 'A';
    h.timezone = 'Mars/Olympus';
    h.devices[0]!.windowId = '99';
    h.waitAlerts = { tax: { warnMinutes: 20, alertMinutes: 10 } };
    h.calendar.workday = [{ kind: 'regular', start: '17:00', end: '09:00' }];
    expect(hallConfigProblems(h)).toEqual([
      { code: 'unknown_timezone', path: 'timezone', params: { value: 'Mars/Olympus' } },
      { code: 'duplicate_prefix', path: 'areas[1].prefix', params: { value: 'A' } },
      { code: 'duplicate_window_number', path: 'windows[1].number', params: { value: 1 } },
      { code: 'unknown_window_area', path: 'windows[2].areaIds', params: { window: 3, area: 'nowhere' } },
      { code: 'unknown_device_window', path: 'devices[0].windowId', params: { device: 'kiosk01', window: '99' } },
      { code: 'alert_order', path: 'waitAlerts.tax.warnMinutes', params: { area: 'tax' } },
      { code: 'session_order', path: 'calendar', params: { start: '17:00', end: '09:00' } },
    ]);
  });

  it('finds areas without a window, duplicate ids and voice zone mistakes', () => {
    const h = yuxi();
    h.areas.push({ ...h.areas[0]!, id: 'invest', prefix: 'Z', services: [] });
    h.areas[2]!.services.push({ ...h.areas[1]!.services[0]! });
    h.areas.push({ id: 'lonely', name: '无窗口', prefix: 'Y', services: [] });
    h.windows[4]!.id = '1';
    h.voice = {
      zones: [
        { id: 'a', areaIds: ['police'] },
        { id: 'a', areaIds: ['police', 'ghost'] },
      ],
      locales: ['zh-CN', 'zh-CN'],
    };
    const codes = hallConfigProblems(h).map((p) => `${p.code} ${p.path}`);
    expect(codes).toEqual([
      'duplicate_area_id areas[8].id',
      `duplicate_service_id areas[2].services[${h.areas[2]!.services.length - 1}].id`,
      'duplicate_window_id windows[4].id',
      'area_without_window areas[9]',
      'duplicate_voice_zone voice.zones[1].id',
      'area_in_two_zones voice.zones[1].areaIds',
      'unknown_zone_area voice.zones[1].areaIds',
      'duplicate_voice_locale voice.locales[1]',
    ]);
  });

  it('has words for every code in both languages, quoting every value', () => {
    const params = {
      value: 'V1',
      window: 7,
      area: 'A1',
      device: 'D1',
      zone: 'Z1',
      start: '10:00',
      end: '09:00',
      field: 'windows[2].name',
      date: '2027-02-30',
      weekday: 3,
      journey: 'J1',
      min: 2,
      service: 'S1',
      step: 2,
    };
    for (const code of HALL_PROBLEM_CODES) {
      const zh = hallProblemText({ code, params }, 'zh-CN');
      const en = hallProblemText({ code, params }, 'en');
      expect(zh, code).not.toMatch(/\{\w+\}/);
      expect(en, code).not.toMatch(/\{\w+\}/);
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(en, code).not.toMatch(/[\u4e00-\u9fff]/);
      expect(zh).not.toBe(en);
    }
    expect(Object.keys(messages('en').adminConsole.problems).sort()).toEqual([...HALL_PROBLEM_CODES].sort());
    expect(hallProblemText({ code: 'duplicate_window_number', params: { value: 21 } })).toBe('窗口号 21 重复');
    expect(hallProblemText({ code: 'duplicate_window_number', params: { value: 21 } }, 'en')).toBe('window number 21 is used twice');
  });

  it('checkHallDoc puts schema failures at field paths, one per field, before any consistency rule', () => {
    const doc = toHallDoc(YUXI) as unknown as Record<string, unknown> & { windows: Array<Record<string, unknown>> };
    doc.windows[2]!.name = '';
    doc.windows[3]!.number = 0;
    delete doc.windows[4]!.areaIds;
    const problems = checkHallDoc(doc);
    expect(problems.map((p) => p.path)).toEqual(['windows[2].name', 'windows[3].number', 'windows[4].areaIds']);
    expect(problems.every((p) => p.code === 'invalid_value' && p.params.field === p.path)).toBe(true);
    expect(fieldPath('/voice/zones/0/areaIds/1')).toBe('voice.zones[0].areaIds[1]');
    expect(problems.map((p) => hallProblemText(p))).toEqual([
      '“名称”取值不符合要求（windows[2].name）',
      '“窗口号”取值不符合要求（windows[3].number）',
      '“办理业务区”取值不符合要求（windows[4].areaIds）',
    ]);
    expect(hallProblemText(problems[2]!, 'en')).toBe('“Areas served” is not an allowed value (windows[4].areaIds)');
    expect(hallProblemText({ code: 'invalid_value', params: { field: 'voice.zones[0].device' } })).toBe('voice.zones[0].device：取值不符合要求');
  });

  it('the config file loader words the same rules in English, as before', () => {
    const h = yuxi();
    h.windows[1]!.number = 1;
    expect(checkHalls([h], false)).toEqual(['hall yuxi: window number 1 is used twice']);
  });
});
