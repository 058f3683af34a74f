import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_HALLS } from '../../server/config/demo-halls';
import type { HallConfig, VoiceConfig } from '../../server/domain/types';
import { voiceSettings } from '../../server/domain/voice-settings';
import { announcementFor } from '../../server/voice/announcement';
import { AnnouncementAudio } from '../../server/voice/announcement-audio';
import type { SpokenCall } from '../../server/voice/announcer';
import { chime } from '../../server/voice/chime';
import { EspeakSay, synthesize } from '../../server/voice/espeak-say';
import { SpeakerAnnouncer } from '../../server/voice/speaker-announcer';
import { decodeWav, encodeWav } from '../../server/voice/wav';

// Kept after the run, to be listened to and measured again.
const dir = '.test-artifacts/voice';
mkdirSync(dir, { recursive: true });

const hallWith = (voice?: VoiceConfig): HallConfig => ({ ...structuredClone(DEMO_HALLS.find((h) => h.id === 'yuxi')!), ...(voice ? { voice } : {}) });
const audio = new AnnouncementAudio();

async function callWav(number: string, windowNumber: number, voice?: VoiceConfig, name = '不动产联办'): Promise<Buffer> {
  const hall = hallWith(voice);
  const a = announcementFor(hall, { number, areaId: 'estate', window: { number: windowNumber, name } });
  return (await audio.wav(a, voiceSettings(hall))).wav;
}

function save(wav: Buffer, name: string): string {
  const path = join(dir, `${name}.wav`);
  writeFileSync(path, wav);
  return path;
}

/** SoX's own measurements: duration (soxi -D), peak and RMS amplitude (sox stat, on stderr), 0–1 of full scale. */
function measure(path: string): { seconds: number; peak: number; rms: number } {
  const seconds = Number(execFileSync('soxi', ['-D', path], { encoding: 'utf8' }).trim());
  const stat = spawnSync('sox', [path, '-n', 'stat'], { encoding: 'utf8' });
  if (stat.status !== 0) throw new Error(`sox stat failed: ${stat.stderr}`);
  const value = (label: string) => Number(new RegExp(`${label}:\\s+(-?[\\d.]+)`).exec(stat.stderr)![1]);
  return { seconds, peak: Math.max(value('Maximum amplitude'), -value('Minimum amplitude')), rms: value('RMS\\s+amplitude') };
}

/** Writes the measured calls where a person can find them (and listen to the WAVs next to it). */
const report: Array<Record<string, unknown>> = [];
afterAll(() => writeFileSync(join(dir, 'measurements.json'), JSON.stringify(report, null, 2)));

describe('calls synthesised with espeak-ng', () => {
  it('are valid RIFF/WAVE 16-bit mono PCM that browsers play', async () => {
    const wav = await callWav('B012', 12);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(wav.readUInt32LE(16)).toBe(16);
    expect(wav.readUInt16LE(20)).toBe(1); // PCM
    expect(wav.readUInt16LE(22)).toBe(1); // mono
    const rate = wav.readUInt32LE(24);
    expect(rate).toBe(22050);
    expect(wav.readUInt32LE(28)).toBe(rate * 2);
    expect(wav.readUInt16LE(32)).toBe(2);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.toString('ascii', 36, 40)).toBe('data');
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
    const info = execFileSync('soxi', [save(wav, 'header')], { encoding: 'utf8' });
    expect(info).toMatch(/Channels\s+: 1/);
    expect(info).toMatch(/Sample Encoding: 16-bit Signed Integer PCM/);
  });

  it('encodes what it is given unchanged (WAV round trip)', () => {
    const pcm = chime(22050);
    const back = decodeWav(encodeWav(pcm));
    expect(back.sampleRate).toBe(22050);
    expect(back.samples.length).toBe(pcm.samples.length);
    expect(back.samples.reduce((m, s, i) => Math.max(m, Math.abs(s - pcm.samples[i]!)), 0)).toBeLessThan(1 / 16000);
  });

  it.each([
    ['B012', 12],
    ['A001', 1],
    ['H021', 21],
    ['G100', 100],
  ])('%s to window %i lasts a plausible time and is not silence', async (number, windowNumber) => {
    const wav = await callWav(number, windowNumber);
    const path = save(wav, `${number}-${windowNumber}`);
    const m = measure(path);
    report.push({ call: `${number} → ${windowNumber}`, ...m, file: path });
    expect(m.seconds).toBeGreaterThan(1.5);
    expect(m.seconds).toBeLessThan(20);
    expect(m.seconds).toBeCloseTo((wav.length - 44) / 2 / 22050, 3);
    expect(m.peak).toBeGreaterThan(0.5);
    expect(m.rms).toBeGreaterThan(0.05);
  });

  it('start with the chime, sample for sample', async () => {
    const pcm = decodeWav(await callWav('B012', 12));
    const bell = chime(22050).samples;
    let worst = 0;
    for (let i = 0; i < bell.length; i++) worst = Math.max(worst, Math.abs(pcm.samples[i]! - bell[i]!));
    // Within the rounding of 16-bit samples.
    expect(worst).toBeLessThanOrEqual(2 / 32767);
    // …and then speech: sound after the chime and its pause.
    const after = pcm.samples.subarray(Math.round((bell.length / 22050 + 0.35) * 22050));
    expect(after.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeGreaterThan(0.5);
  });

  it('repeat the words as often as the hall says, each time as long', async () => {
    const seconds = [];
    for (const repeats of [1, 2, 3]) seconds.push(measure(save(await callWav('B012', 12, { repeats }), `repeats-${repeats}`)).seconds);
    const [one, two, three] = seconds as [number, number, number];
    expect(two - one).toBeGreaterThan(2);
    expect(three - two).toBeCloseTo(two - one, 2);
    report.push({ repeats: { 1: one, 2: two, 3: three } });
  });

  it('speak faster or slower at the hall rate, and louder or softer at its volume', async () => {
    const slow = measure(save(await callWav('B012', 12, { repeats: 1, rate: 0.75 }), 'rate-slow'));
    const fast = measure(save(await callWav('B012', 12, { repeats: 1, rate: 1.5 }), 'rate-fast'));
    expect(fast.seconds).toBeLessThan(slow.seconds - 1);
    const loud = measure(save(await callWav('B012', 12, { volume: 1 }), 'loud'));
    const soft = measure(save(await callWav('B012', 12, { volume: 0.5 }), 'soft'));
    expect(soft.peak / loud.peak).toBeCloseTo(0.5, 1);
    expect(soft.rms / loud.rms).toBeCloseTo(0.5, 1);
    report.push({ rate: { 0.75: slow.seconds, 1.5: fast.seconds }, volume: { 1: loud, 0.5: soft } });
  });

  it('speak English after Chinese when the hall asks for both', async () => {
    const zh = measure(save(await callWav('B012', 12, { repeats: 1 }), 'zh-only'));
    const both = measure(save(await callWav('B012', 12, { repeats: 1, locales: ['zh-CN', 'en'] }), 'zh-en'));
    expect(both.seconds).toBeGreaterThan(zh.seconds + 1.5);
    expect(both.seconds).toBeLessThan(20);
    report.push({ zhOnly: zh.seconds, zhThenEnglish: both.seconds });
  });

  it('are synthesised once: a second board, or a recall, gets the same bytes from the cache', async () => {
    const cache = new AnnouncementAudio();
    const hall = hallWith();
    const a = announcementFor(hall, { number: 'C007', areaId: 'utility', window: { number: 7, name: '水电气联办' } });
    const first = await cache.wav(a, voiceSettings(hall));
    const started = performance.now();
    const again = await cache.wav(a, voiceSettings(hall));
    expect(performance.now() - started).toBeLessThan(20);
    expect(again.wav).toBe(first.wav);
    expect(cache.synthesised).toBe(1);
    const elsewhere = announcementFor(hall, { number: 'C007', areaId: 'utility', window: { number: 8, name: '水电气联办' } });
    expect((await cache.wav(elsewhere, voiceSettings(hall))).etag).not.toBe(first.etag);
    expect(cache.synthesised).toBe(2);
  });

  it('are synthesised in the order called, a bounded number at a time, with the rest waiting in line', async () => {
    const cache = new AnnouncementAudio({ concurrency: 1 });
    const hall = hallWith();
    const ready: string[] = [];
    const numbers = ['E001', 'E002', 'E003', 'E004', 'E005'];
    const all = numbers.map((number) =>
      cache
        .wav(announcementFor(hall, { number, areaId: 'business', window: { number: 12, name: '企业开办联办' } }), voiceSettings(hall))
        .then(() => ready.push(number)),
    );
    expect(cache.backlog).toBe(4);
    await Promise.all(all);
    expect(ready).toEqual(numbers);
    expect(cache.backlog).toBe(0);
  });
});

describe('text given to the synthesiser', () => {
  const token = randomBytes(6).toString('hex');
  const targets = [`/tmp/pwned-${token}-a`, `/tmp/pwned-${token}-b`, `/tmp/pwned-${token}-c`, `/tmp/pwned-${token}-d`];
  const nasty = [`"; touch ${targets[0]}; "`, `$(touch ${targets[1]})`, `\`touch ${targets[2]}\``, `-w ${targets[3]} (SayText "x") ' ; | & > <`];
  afterAll(() => targets.forEach((t) => rmSync(t, { force: true })));

  it('never reaches a shell or the command line: quotes and $(…) in a window name are only spoken', async () => {
    for (const name of nasty) {
      const wav = await callWav('B012', 12, { windowName: true, repeats: 1 }, name);
      const m = measure(save(wav, `nasty-${nasty.indexOf(name)}`));
      expect(m.seconds).toBeGreaterThan(1.5);
      expect(m.rms).toBeGreaterThan(0.05);
    }
    for (const text of nasty) expect((await synthesize(text, 'zh-CN', 1)).samples.length).toBeGreaterThan(0);
    for (const t of targets) expect(existsSync(t), `${t} must not exist`).toBe(false);
  });

  it('arrives intact: through say and stdin it sounds exactly as espeak-ng given the same words directly', async () => {
    const text = '请B零一二号到十二号窗口办理';
    const viaSay = await synthesize(text, 'zh-CN', 1);
    const file = join(dir, 'direct.wav');
    execFileSync('espeak-ng', ['-v', 'cmn-latn-pinyin', '-s', '165', '-w', file, text]);
    const direct = decodeWav(readFileSync(file));
    expect(viaSay.samples.length).toBe(direct.samples.length);
    expect(Buffer.from(viaSay.samples.buffer).equals(Buffer.from(direct.samples.buffer))).toBe(true);
  });

  it('travels on stdin: the espeak-ng argv never contains it', () => {
    const say = new EspeakSay();
    for (const text of nasty) {
      const exp = say.buildExportCommand({ text, voice: 'cmn-latn-pinyin', speed: 1, filename: '/tmp/x.wav' });
      const spk = say.buildSpeakCommand({ text, voice: 'cmn-latn-pinyin', speed: 1 });
      for (const cmd of [exp, spk]) {
        expect(cmd.command).toBe('espeak-ng');
        expect(cmd.args.join(' ')).not.toContain(text);
        expect(cmd.pipedData).toBe(text);
      }
      expect(exp.args.slice(-2)).toEqual(['-w', '/tmp/x.wav']);
    }
  });
});

describe('when a part is missing or broken', () => {
  it('a missing espeak-ng is a clear rejection, not a crash', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(synthesize('请B零一二号', 'zh-CN', 1)).rejects.toThrow(/espeak-ng could not run/);
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('the speaker announcer', () => {
  const spoken = async (device: string): Promise<SpokenCall> => {
    const hall = hallWith();
    const a = announcementFor(hall, { number: 'B012', areaId: 'estate', window: { number: 12, name: '不动产联办' } });
    return { hallId: 'yuxi', zone: a.zone, ticketId: 't1', kind: 'call', announcement: a, device, wav: (await audio.wav(a, voiceSettings(hall))).wav };
  };

  it("hands the call to SoX for the zone's sound device (ALSA null here: no sound card in CI)", async () => {
    await expect(new SpeakerAnnouncer().announce(await spoken('null'))).resolves.toBeUndefined();
  });

  it('fails fast and says why when the device does not exist', async () => {
    const started = performance.now();
    await expect(new SpeakerAnnouncer().announce(await spoken('hw:97,0'))).rejects.toThrow(/sox failed/);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
