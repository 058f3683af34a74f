/**
 * Getting a citizen's attention when their number is called, as far as the phone allows: a long
 * vibration pattern, and a system notification once they have allowed it. Browsers only let a page
 * vibrate or ask for notifications after a tap on it, so asking happens on the citizen's tap
 * (`enableAlerts`), never on load.
 */

/** Long enough to feel in a pocket, short enough not to annoy: three pulses. */
const PATTERN = [600, 250, 600, 250, 900];

export type AlertsState = 'on' | 'vibrate-only' | 'denied';

/** On the citizen's tap: asks for notifications where the browser has them. */
export async function enableAlerts(): Promise<AlertsState> {
  if (!('Notification' in window)) return 'vibrate-only';
  if (Notification.permission === 'granted') return 'on';
  if (Notification.permission === 'denied') return 'denied';
  try {
    return (await Notification.requestPermission()) === 'granted' ? 'on' : 'denied';
  } catch {
    return 'vibrate-only';
  }
}

/** Vibrates and, where allowed, shows a notification; each part failing quietly on its own. */
export function alertCall(title: string, body: string): void {
  try {
    navigator.vibrate?.(PATTERN);
  } catch {
    // No vibration motor or not allowed yet: the page itself still shows the call.
  }
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  try {
    // One notification per ticket: a recall replaces the call instead of piling up.
    new Notification(title, { body, tag: 'qms-call', requireInteraction: true });
  } catch {
    // Android Chrome allows notifications only from a service worker; the vibration still came.
  }
}
