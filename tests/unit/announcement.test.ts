import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_HALLS } from '../../server/config/demo-halls';
import { HallConfigError, loadHalls } from '../../server/config/halls';
import type { HallConfig, VoiceConfig } from '../../server/domain/types';
import { HALL_ZONE, voiceSettings } from '../../server/domain/voice-settings';
import { announcementFor, cardinalEn, cardinalZh, ticketSpeech } from '../../server/voice/announcement';

const yuxi = (): HallConfig => structuredClone(DEMO_HALLS.find((h) => h.id === 'yuxi')!);
const withVoice = (voice: VoiceConfig): HallConfig => ({ ...yuxi(), voice });

describe('the speech form a person would say', () => {
  it.each([
    ['A001', 'A零零一'],
    ['B010', 'B零一零'],
    ['C100', 'C一零零'],
    ['D999', 'D九九九'],
    ['B012', 'B零一二'],
  ])('reads ticket %s digit by digit as %s', (number, said) => {
    expect(ticketSpeech(number, 'zh-CN')).toBe(said);
  });

  it.each([
    [1, '一'],
    [2, '二'],
    [10, '十'],
    [11, '十一'],
    [12, '十二'],
    [20, '二十'],
    [21, '二十一'],
    [99, '九十九'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [115, '一百一十五'],
    [1000, '一千'],
    [1005, '一千零五'],
    [1010, '一千零一十'],
    [2300, '二千三百'],
    [9999, '九千九百九十九'],
  ])('reads window %i as the cardinal %s', (n, said) => {
    expect(cardinalZh(n)).toBe(said);
  });

  it.each([
    [1, 'one'],
    [12, 'twelve'],
    [20, 'twenty'],
    [21, 'twenty-one'],
    [99, 'ninety-nine'],
    [100, 'one hundred'],
    [101, 'one hundred one'],
    [1005, 'one thousand five'],
  ])('reads window %i in English as %s', (n, said) => {
    expect(cardinalEn(n)).toBe(said);
  });

  it('reads tickets in English letter first, then each digit', () => {
    expect(ticketSpeech('A001', 'en')).toBe('A-zero zero one');
    expect(ticketSpeech('D999', 'en')).toBe('D-nine nine nine');
  });

  it('refuses numbers it cannot read rather than guessing', () => {
    expect(() => cardinalZh(10000)).toThrow(RangeError);
    expect(() => cardinalZh(-1)).toThrow(RangeError);
    expect(() => cardinalZh(1.5)).toThrow(RangeError);
  });

  it('speaks only letters and digits of a ticket number', () => {
    expect(ticketSpeech('B0"1;2', 'zh-CN')).toBe('B零一二');
  });
});

describe('the announcement of a call', () => {
  const call = (number: string, windowNumber: number, name = '不动产联办', areaId = 'estate') => ({ number, areaId, window: { number: windowNumber, name } });

  it.each([
    ['A001', 1, '请A001号到1号窗口办理', '请A零零一号到一号窗口办理'],
    ['B010', 2, '请B010号到2号窗口办理', '请B零一零号到二号窗口办理'],
    ['C100', 10, '请C100号到10号窗口办理', '请C一零零号到十号窗口办理'],
    ['D999', 11, '请D999号到11号窗口办理', '请D九九九号到十一号窗口办理'],
    ['B012', 12, '请B012号到12号窗口办理', '请B零一二号到十二号窗口办理'],
    ['E005', 20, '请E005号到20号窗口办理', '请E零零五号到二十号窗口办理'],
    ['H021', 21, '请H021号到21号窗口办理', '请H零二一号到二十一号窗口办理'],
    ['F099', 99, '请F099号到99号窗口办理', '请F零九九号到九十九号窗口办理'],
    ['G100', 100, '请G100号到100号窗口办理', '请G一零零号到一百号窗口办理'],
  ])('%s to window %i is shown as %s and said as %s', (number, w, text, speech) => {
    const a = announcementFor(yuxi(), call(number, w));
    expect(a).toMatchObject({ hallId: 'yuxi', number, windowNumber: w, zone: HALL_ZONE, text, speech });
    expect(a.parts).toEqual([{ locale: 'zh-CN', text, speech }]);
  });

  it('names the window when the hall says so, without saying 窗口 twice', () => {
    const hall = withVoice({ windowName: true });
    expect(announcementFor(hall, call('B012', 12)).speech).toBe('请B零一二号到不动产联办十二号窗口办理');
    expect(announcementFor(hall, call('I001', 22, '办不成事反映窗口')).text).toBe('请I001号到办不成事反映22号窗口办理');
  });

  it('adds English after Chinese when the hall speaks both, each from the message table', () => {
    const a = announcementFor(withVoice({ locales: ['zh-CN', 'en'] }), call('B012', 12));
    expect(a.text).toBe('请B012号到12号窗口办理');
    expect(a.parts[1]).toEqual({ locale: 'en', text: 'Number B012, please go to window 12.', speech: 'Number B-zero one two, please go to window twelve.' });
  });

  it('sends a call to the zone that lists its area, and every other area to the hall zone', () => {
    const hall = withVoice({ zones: [{ id: 'second-floor', areaIds: ['police', 'insurance'] }] });
    expect(announcementFor(hall, call('H001', 19, '公安事务', 'police')).zone).toBe('second-floor');
    expect(announcementFor(hall, call('B001', 3)).zone).toBe('hall');
  });

  it('takes the defaults where a hall says nothing: twice, normal speed, full volume, Chinese', () => {
    expect(voiceSettings(yuxi())).toEqual({ repeats: 2, rate: 1, volume: 1, locales: ['zh-CN'], windowName: false, zones: [], device: null, speaker: true });
    expect(voiceSettings(withVoice({ repeats: 3, rate: 0.8 }))).toMatchObject({ repeats: 3, rate: 0.8, volume: 1 });
  });
});

describe('voice settings in a hall configuration file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qms-voice-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const load = (voice: unknown) => {
    const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify({ halls: [{ ...yuxi(), voice }] }));
    return loadHalls({ configPath: path, demo: true });
  };
  const problems = (voice: unknown): string[] => {
    try {
      load(voice);
    } catch (err) {
      if (err instanceof HallConfigError) return err.problems;
      throw err;
    }
    return [];
  };

  it('accepts a full voice section', () => {
    const voice = {
      repeats: 3,
      rate: 0.9,
      volume: 0.8,
      locales: ['zh-CN', 'en'],
      windowName: true,
      device: 'hw:0',
      speaker: false,
      zones: [{ id: 'upstairs', areaIds: ['police'], device: 'hw:1,0' }],
    };
    expect(load(voice).halls[0]!.voice).toEqual(voice);
  });

  it('lists every bad value', () => {
    expect(problems({ repeats: 0 }).join('\n')).toMatch(/repeats/);
    expect(problems({ volume: 2 }).join('\n')).toMatch(/volume/);
    expect(problems({ locales: ['fr'] }).join('\n')).toMatch(/locales/);
    expect(problems({ device: 'hw:0; rm -rf /' }).join('\n')).toMatch(/device/);
    expect(problems({ shout: true }).length).toBeGreaterThan(0);
  });

  it('finds zones that do not fit the hall', () => {
    const found = problems({
      locales: ['zh-CN', 'zh-CN'],
      zones: [
        { id: 'a', areaIds: ['police', 'nowhere'] },
        { id: 'a', areaIds: ['police'] },
      ],
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'hall yuxi: voice zone a is used twice',
        'hall yuxi: area police is in two voice zones',
        'hall yuxi: voice zone a has unknown area nowhere',
        'hall yuxi: voice locale zh-CN is listed twice',
      ]),
    );
  });
});
