/**
 * 呼叫器 and keyboards at the counter: which key does which desk action. A hall sets its own map
 * (`counter.keys` in the hall document) for the keypads it bought; actions it leaves out keep the
 * defaults. The defaults work out of the box with the two kinds of USB call keypads on the market:
 * ones that send F-keys, and numeric ones that send digits (1 call … 0 park). Digits act only when
 * the clerk is not typing in a field (the page checks), so a case number can still be typed.
 */
import type { CounterKeyMap } from './types';

/** Every desk action that has a key, in the order the buttons stand. */
export const COUNTER_ACTIONS = ['callNext', 'recall', 'start', 'complete', 'transfer', 'pause', 'resume', 'noShow', 'park', 'assistance'] as const;

export type CounterAction = (typeof COUNTER_ACTIONS)[number];

/**
 * 过号 is F9 / 9, away from 办结 (F4 / 4) and 转移 (F6 / 6), and asks to be confirmed with its key
 * again; F5 (the old 过号 key of some keypads, and the browser's reload) does nothing.
 */
export const DEFAULT_COUNTER_KEYS: Readonly<Record<CounterAction, readonly string[]>> = {
  callNext: ['F1', '1'],
  recall: ['F2', '2'],
  start: ['F3', '3'],
  complete: ['F4', '4'],
  transfer: ['F6', '6'],
  pause: ['F7', '7'],
  resume: ['F8', '8'],
  noShow: ['F9', '9'],
  park: ['F10', '0'],
  assistance: ['Alt+H'],
};

/** `F1`–`F12`, a digit, `Enter`-free: one letter or digit with Alt/Ctrl, or a named key (`NumpadAdd`, `PageDown`). */
export const COUNTER_KEY_PATTERN = '^((Alt\\+|Ctrl\\+)?[A-Z0-9]|F([1-9]|1[0-2])|[0-9]|[*+./-]|Numpad[A-Za-z]+|Page(Up|Down)|Home|End|Insert|Delete)$';

/** Keys the terminal keeps for itself whatever the map says (sign-in, the number field, undo). */
export const RESERVED_COUNTER_KEYS = ['Alt+N', 'Alt+S', 'Alt+Q', 'Alt+Z', 'Alt+R', 'Enter', 'Escape', 'Tab'];

/** The hall's map over the defaults: every action with its keys. */
export function counterKeys(map: CounterKeyMap | undefined): Record<CounterAction, string[]> {
  const out = {} as Record<CounterAction, string[]>;
  for (const a of COUNTER_ACTIONS) out[a] = [...(map?.[a] ?? DEFAULT_COUNTER_KEYS[a])];
  return out;
}

/** The action a key does under a resolved map, or null. */
export function actionForKey(keys: Record<CounterAction, readonly string[]>, key: string): CounterAction | null {
  return COUNTER_ACTIONS.find((a) => keys[a].includes(key)) ?? null;
}

/** Whether a key types text (a digit, a letter without Alt/Ctrl): not an action while a field has focus. */
export function isTypingKey(key: string): boolean {
  return /^[A-Za-z0-9*+./-]$/.test(key);
}

/** Keys given to two actions, or reserved, in a hall's map (as the hall rules report them). */
export function counterKeyProblems(map: CounterKeyMap | undefined): Array<{ key: string; problem: 'duplicate' | 'reserved' }> {
  const keys = counterKeys(map);
  const seen = new Map<string, CounterAction>();
  const problems: Array<{ key: string; problem: 'duplicate' | 'reserved' }> = [];
  for (const a of COUNTER_ACTIONS) {
    for (const k of keys[a]) {
      if (RESERVED_COUNTER_KEYS.includes(k)) problems.push({ key: k, problem: 'reserved' });
      else if (seen.has(k) && seen.get(k) !== a) problems.push({ key: k, problem: 'duplicate' });
      seen.set(k, a);
    }
  }
  return problems;
}
