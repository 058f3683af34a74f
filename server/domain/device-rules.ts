/**
 * What a hall's device entry may look like: an id that is also its account's id, a printer only on
 * a kiosk (`tcp://host:port`, ESC/POS over raw TCP), a window only for a window's display or rating
 * pad. The hall configuration's schema and the console's device form both take these.
 */
import { ACCOUNT_ID_PATTERN } from './account-rules';

export const DEVICE_ID_MAX = 40;
/** As a schema pattern takes it; `PRINTER_ADDRESS_PATTERN` is the same as a RegExp. */
export const PRINTER_ADDRESS_SOURCE = '^tcp://[^:/]+:\\d+$';
export const PRINTER_ADDRESS_PATTERN = new RegExp(PRINTER_ADDRESS_SOURCE);

export type DeviceKind = 'kiosk' | 'display' | 'rating';
export type DeviceProblem = 'bad_id' | 'bad_printer' | 'printer_only_kiosk';

export function deviceProblems(d: { id: string; kind: DeviceKind; printer?: string | undefined }): Array<{ field: 'id' | 'printer'; problem: DeviceProblem }> {
  const out: Array<{ field: 'id' | 'printer'; problem: DeviceProblem }> = [];
  if (d.id.length === 0 || d.id.length > DEVICE_ID_MAX || !ACCOUNT_ID_PATTERN.test(d.id)) out.push({ field: 'id', problem: 'bad_id' });
  if (d.printer !== undefined) {
    if (d.kind !== 'kiosk') out.push({ field: 'printer', problem: 'printer_only_kiosk' });
    else if (!PRINTER_ADDRESS_PATTERN.test(d.printer)) out.push({ field: 'printer', problem: 'bad_printer' });
  }
  return out;
}
