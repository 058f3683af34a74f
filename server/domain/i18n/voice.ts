/** Message table section: the spoken announcements (issue 5). zh-CN first; English must have the same keys. */
export const voiceZh = {};

export const voiceEn: typeof voiceZh = {};
