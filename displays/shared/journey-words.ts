/**
 * 一件事一次办 in words, alike on the kiosk, the phone page, the board and the counter: the step a
 * citizen is at (第2步/共3步) and what follows it (下一步：税务事项专办, or 最后一步).
 */
import type { Ticket } from '../../server/protocol';
import type { ScreenWords } from './words';
import { fill } from './words';

export type TicketJourney = NonNullable<Ticket['journey']>;

/** `第2步/共3步`. */
export function journeyStepText(journey: Pick<TicketJourney, 'step' | 'steps'>, common: ScreenWords['common']): string {
  return fill(common.journeyStep, { step: journey.step, steps: journey.steps.length });
}

/** `下一步：税务事项专办`, or `最后一步` at the journey's last step. */
export function journeyNextText(journey: Pick<TicketJourney, 'step' | 'steps'>, common: ScreenWords['common'], areaName: (areaId: string) => string): string {
  const next = journey.steps[journey.step];
  return next ? fill(common.journeyNext, { area: areaName(next.areaId) }) : common.journeyLast;
}
