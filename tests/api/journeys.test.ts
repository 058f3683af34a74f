/**
 * 一件事一次办 through the v1 API: the hall lists its journeys; a kiosk takes a ticket for one; each
 * completed step puts the citizen into the next step's area ahead of walk-ins with the same number,
 * the phone's view following the step; the last step ends the visit and only then takes a rating;
 * statistics count every step as a service and the journey as started and finished.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { credentialOf } from '../support/credentials';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const MINUTE = 60_000;

describe('journeys (一件事一次办)', () => {
  const clock = new ManualClock(Date.parse('2026-11-30T10:00:00+08:00'));
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock });
    // 公安 19, 医保社保 16, 税务 9: the newborn journey's three areas.
    for (const w of ['19', '16', '9']) await srv.post(`${H}/windows/${w}/sign-in`, `clerk${w.padStart(2, '0')}`);
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('the hall lists its journeys, each an ordered list of steps', async () => {
    const hall = await srv.get(H);
    expect(hall.journeys.map((j: { id: string }) => j.id)).toEqual(['newborn', 'company-start', 'home-transfer']);
    expect(hall.journeys[0]).toEqual({
      id: 'newborn',
      name: '新生儿出生一件事',
      steps: [
        { areaId: 'police', serviceId: 'police-04' },
        { areaId: 'insurance', serviceId: 'insurance-08' },
        { areaId: 'tax', serviceId: 'tax-09' },
      ],
    });
  });

  it('refuses an unknown journey, and a journey together with an area', async () => {
    const unknown = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { journeyId: 'wedding' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'invalid_request', field: 'journeyId' });
    const both = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { journeyId: 'newborn', areaId: 'police' } });
    expect(both.status).toBe(400);
    expect(both.body.error.field).toBe('journeyId');
  });

  it('goes through every step with one number, ahead of walk-ins, and is rated once at the end', async () => {
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { journeyId: 'newborn' }, 201);
    const credential = credentialOf(issued);
    expect(issued.ticket).toMatchObject({
      areaId: 'police',
      serviceId: 'police-04',
      status: 'waiting',
      journey: { id: 'newborn', name: '新生儿出生一件事', step: 1 },
    });
    expect(issued.ticket.journey.steps).toHaveLength(3);
    expect(issued.ticket.number).toMatch(/^H\d{3}$/);
    // The paper ticket names the journey and its areas in order.
    const paper = await srv.request('GET', `${H}/tickets/${issued.ticket.id}/preview`, { as: 'manager' });
    expect(paper.status).toBe(200);
    // Its lines as printed, joined: a long line wraps at the paper's width.
    const printed = String(paper.body)
      .replace(/<[^>]+>/g, '')
      .replace(/\s*\n\s*/g, '');
    expect(printed).toContain('一件事：新生儿出生一件事');
    expect(printed).toContain('办理顺序：公安事务 → 医保社保综合服务 → 税务事项专办');
    // Two citizens already wait for 医保社保 when the first step is done.
    clock.advance(MINUTE);
    const walkIns = [];
    for (let i = 0; i < 2; i++) walkIns.push((await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'insurance' }, 201)).ticket.number);

    const called = await srv.post(`${H}/windows/19/call-next`, 'clerk19');
    expect(called.ticket.number).toBe(issued.ticket.number);
    await srv.post(`${H}/windows/19/start`, 'clerk19');
    clock.advance(4 * MINUTE);
    await srv.post(`${H}/windows/19/complete`, 'clerk19');

    const phone = await srv.get(`${H}/tickets/${credential}`);
    expect(phone.ticket).toMatchObject({ number: issued.ticket.number, areaId: 'insurance', status: 'waiting', ahead: 0, journey: { step: 2 } });
    const early = await srv.request('POST', `${H}/tickets/${issued.ticket.id}/rating`, { as: 'rating01', body: { score: 5 } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not_completed');

    clock.advance(MINUTE);
    const second = await srv.post(`${H}/windows/16/call-next`, 'clerk16');
    expect(second.ticket).toMatchObject({ number: issued.ticket.number, journey: { step: 2 } });
    clock.advance(3 * MINUTE);
    await srv.post(`${H}/windows/16/complete`, 'clerk16');
    const third = await srv.post(`${H}/windows/9/call-next`, 'clerk09');
    expect(third.ticket).toMatchObject({ number: issued.ticket.number, serviceId: 'tax-09', journey: { step: 3 } });
    clock.advance(2 * MINUTE);
    await srv.post(`${H}/windows/9/complete`, 'clerk09');
    const done = await srv.get(`${H}/tickets/${credential}`);
    expect(done.ticket).toMatchObject({ status: 'done', journey: { step: 3 } });
    const rated = await srv.request('POST', `${H}/tickets/${issued.ticket.id}/rating`, { as: 'rating01', body: { score: 5 } });
    expect(rated.status).toBe(201);

    // The walk-ins are served after the journey's citizen, in their order.
    const next = [];
    for (let i = 0; i < 2; i++) {
      next.push((await srv.post(`${H}/windows/16/call-next`, 'clerk16')).ticket.number);
      await srv.post(`${H}/windows/16/complete`, 'clerk16');
    }
    expect(next).toEqual(walkIns);

    const trail = await srv.get(`${H}/tickets/${issued.ticket.id}/events`, 'manager');
    expect(trail.events.map((e: { type: string }) => e.type).filter((t: string) => t.startsWith('ticket.step') || t === 'ticket.completed')).toEqual([
      'ticket.step_completed',
      'ticket.step_completed',
      'ticket.completed',
    ]);

    const stats = await srv.get(`${H}/stats?from=2026-11-30&to=2026-11-30`, 'manager');
    expect(stats).toMatchObject({ journeysStarted: 1, journeysFinished: 1 });
    const byArea = new Map(stats.byArea.map((a: { areaId: string; served: number }) => [a.areaId, a.served]));
    expect([byArea.get('police'), byArea.get('insurance'), byArea.get('tax')]).toEqual([1, 3, 1]);
  });

  it('a no-show ends the journey: the citizen is not sent on', async () => {
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { journeyId: 'company-start' }, 201);
    await srv.post(`${H}/windows/12/sign-in`, 'clerk12');
    await srv.post(`${H}/windows/12/call-next`, 'clerk12');
    await srv.post(`${H}/windows/12/no-show`, 'clerk12');
    const t = await srv.get(`${H}/tickets/${credentialOf(issued)}`);
    expect(t.ticket).toMatchObject({ status: 'no_show', areaId: 'business', journey: { step: 1 } });
    const tax = await srv.post(`${H}/windows/9/call-next`, 'clerk09');
    expect(tax.ticket).toBeNull();
  });

  it('a transfer (转) into a later step’s area is that step; a transfer elsewhere keeps the step', async () => {
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { journeyId: 'newborn' }, 201);
    const id = issued.ticket.id;
    const view = async () => (await srv.get(`${H}/tickets/${credentialOf(issued)}`)).ticket;
    expect((await srv.post(`${H}/windows/19/call-next`, 'clerk19')).ticket.id).toBe(id);
    // Sent to 公积金, no step of the journey: still step 1.
    await srv.post(`${H}/windows/19/transfer`, 'clerk19', { areaId: 'fund' });
    expect(await view()).toMatchObject({ areaId: 'fund', journey: { step: 1 } });
    await srv.post(`${H}/windows/14/sign-in`, 'clerk14');
    expect((await srv.post(`${H}/windows/14/call-next`, 'clerk14')).ticket.id).toBe(id);
    // From there into 医保社保, the second step's area: step 2, for the phone, the board and the counter.
    await srv.post(`${H}/windows/14/transfer`, 'clerk14', { areaId: 'insurance' });
    expect(await view()).toMatchObject({ areaId: 'insurance', status: 'waiting', journey: { step: 2 } });
    expect((await srv.post(`${H}/windows/16/call-next`, 'clerk16')).ticket).toMatchObject({ id, journey: { step: 2 } });
    // 办结 of step 2 goes on to 税务 (step 3), not back into 医保社保.
    await srv.post(`${H}/windows/16/complete`, 'clerk16');
    expect(await view()).toMatchObject({ areaId: 'tax', status: 'waiting', journey: { step: 3 } });
    expect((await srv.post(`${H}/windows/9/call-next`, 'clerk09')).ticket.id).toBe(id);
    await srv.post(`${H}/windows/9/complete`, 'clerk09');
    expect(await view()).toMatchObject({ status: 'done', journey: { step: 3 } });
  });
});
