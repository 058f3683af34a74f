import { describe, expect, it } from 'vitest';
import { DEMO_HALLS } from '../../server/config/demo-halls';
import type { HallConfig } from '../../server/domain/types';
import { announcementFor } from '../../server/voice/announcement';
import { AnnouncementQueue, type QueuedCall } from '../../server/voice/announcement-queue';
import type { Announcer, SpokenCall } from '../../server/voice/announcer';
import { chime } from '../../server/voice/chime';
import { RecordingAnnouncer } from '../../server/voice/recording-announcer';
import { encodeWav } from '../../server/voice/wav';

const hall: HallConfig = { ...structuredClone(DEMO_HALLS.find((h) => h.id === 'yuxi')!), voice: { zones: [{ id: 'upstairs', areaIds: ['police'] }] } };
const AREA_BY_PREFIX: Record<string, string> = { A: 'invest', B: 'estate', D: 'tax', H: 'police' };
// Real (generated) audio; its content does not matter to the order.
const WAV = encodeWav(chime(8000));

function queued(number: string, windowNumber: number, kind: 'call' | 'recall' = 'call', audio: Promise<Buffer> = Promise.resolve(WAV)): QueuedCall {
  const a = announcementFor(hall, { number, areaId: AREA_BY_PREFIX[number[0]!]!, window: { number: windowNumber, name: '窗口' } });
  return { hallId: hall.id, zone: a.zone, ticketId: `t-${number}`, kind, announcement: a, device: null, audio };
}

function setup(opts: { hold?: boolean } = { hold: true }) {
  const recorder = new RecordingAnnouncer(opts);
  const errors: Array<{ err: unknown; call: QueuedCall }> = [];
  const queue = new AnnouncementQueue(recorder, (err, call) => errors.push({ err, call }));
  return { recorder, queue, errors };
}

const said = (r: RecordingAnnouncer) => r.calls.map((c) => `${c.call.kind}:${c.call.announcement.number}`);

describe('the announcement queue', () => {
  it('says calls in the order they were made, each only after the previous one ended', async () => {
    const { recorder, queue } = setup();
    queue.push(queued('B001', 3));
    queue.push(queued('B002', 4));
    queue.push(queued('A001', 1));

    await recorder.started(1);
    expect(recorder.inProgress.map((c) => c.call.announcement.number)).toEqual(['B001']);
    expect(queue.waiting('yuxi', 'hall')).toBe(2);
    recorder.release();
    await recorder.started(2);
    expect(recorder.inProgress.map((c) => c.call.announcement.number)).toEqual(['B002']);
    recorder.release();
    await recorder.started(3);
    recorder.release();
    await queue.idle();

    expect(said(recorder)).toEqual(['call:B001', 'call:B002', 'call:A001']);
    expect(recorder.maxOverlap).toBe(1);
    const [first, second] = recorder.calls;
    expect(second!.startedAt).toBeGreaterThanOrEqual(first!.endedAt!);
    expect(first!.call.wav.equals(WAV)).toBe(true);
  });

  it('says a recall again, in its turn after calls made before it', async () => {
    const { recorder, queue } = setup({ hold: false });
    queue.push(queued('B001', 3));
    queue.push(queued('D001', 9));
    queue.push(queued('B001', 3, 'recall'));
    await queue.idle();
    expect(said(recorder)).toEqual(['call:B001', 'call:D001', 'recall:B001']);
    expect(recorder.calls[2]!.call.announcement.text).toBe('请B001号到3号窗口办理');
  });

  it('says a burst of ten calls one after another, in order, never two at once', async () => {
    const { recorder, queue } = setup();
    const numbers = Array.from({ length: 10 }, (_, i) => `B${String(i + 1).padStart(3, '0')}`);
    numbers.forEach((n, i) => queue.push(queued(n, 3 + (i % 4))));
    for (let i = 1; i <= 10; i++) {
      await recorder.started(i);
      expect(recorder.inProgress).toHaveLength(1);
      recorder.release();
    }
    await queue.idle();
    expect(said(recorder)).toEqual(numbers.map((n) => `call:${n}`));
    expect(recorder.maxOverlap).toBe(1);
  });

  it("keeps the order even when a later call's audio is ready first", async () => {
    const { recorder, queue } = setup({ hold: false });
    let finishFirst!: (b: Buffer) => void;
    queue.push(queued('B001', 3, 'call', new Promise<Buffer>((resolve) => (finishFirst = resolve))));
    queue.push(queued('B002', 4));
    const idle = queue.idle();
    expect(recorder.calls).toHaveLength(0);
    finishFirst(WAV);
    await idle;
    expect(said(recorder)).toEqual(['call:B001', 'call:B002']);
  });

  it('lets each zone speak on its own: a long call upstairs does not hold up the hall', async () => {
    const { recorder, queue } = setup();
    queue.push(queued('H001', 19));
    queue.push(queued('H002', 20));
    queue.push(queued('B001', 3));
    await recorder.started(2);
    expect(recorder.inProgress.map((c) => `${c.call.zone}:${c.call.announcement.number}`)).toEqual(['upstairs:H001', 'hall:B001']);
    expect(queue.waiting('yuxi', 'upstairs')).toBe(1);
    expect(recorder.maxOverlap).toBe(1); // per zone
    recorder.release(); // H001
    await recorder.started(3);
    expect(recorder.calls[2]!.call.announcement.number).toBe('H002');
    recorder.release();
    recorder.release();
    await queue.idle();
  });

  it('skips a call that cannot be said, reports it, and goes on with the next', async () => {
    const failing: Announcer = {
      announce: async (call: SpokenCall) => {
        if (call.announcement.number === 'B001') throw new Error('speaker unplugged');
        spoken.push(call.announcement.number);
      },
    };
    const spoken: string[] = [];
    const errors: string[] = [];
    const queue = new AnnouncementQueue(failing, (err, call) => errors.push(`${call.announcement.number}: ${(err as Error).message}`));
    queue.push(queued('B001', 3));
    queue.push(queued('B002', 4, 'call', Promise.reject(new Error('espeak-ng could not run'))));
    queue.push(queued('B003', 5));
    await queue.idle();
    expect(errors).toEqual(['B001: speaker unplugged', 'B002: espeak-ng could not run']);
    expect(spoken).toEqual(['B003']);
  });
});
