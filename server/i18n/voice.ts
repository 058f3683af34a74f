/**
 * Message table section: the spoken announcements (issue 5). zh-CN first; English must have the same keys.
 *
 * Placeholders: `{number}` the ticket (B012), `{window}` the window number, `{name}` the window's
 * configured name. `announcement.ts` fills them once for the screen text and once with the words a
 * person would say (B零一二, 十二).
 */
export const voiceZh = {
  /** The call, as the hall says it. */
  call: '请{number}号到{window}号窗口办理',
  /** The call naming the window too (per-hall `voice.windowName`). */
  callNamed: '请{number}号到{name}{window}号窗口办理',
};

export const voiceEn: typeof voiceZh = {
  call: 'Number {number}, please go to window {window}.',
  // Window names are configured in Chinese, which an English voice cannot read, so English leaves them out.
  callNamed: 'Number {number}, please go to window {window}.',
};
