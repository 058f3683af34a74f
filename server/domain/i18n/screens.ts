/** Message table section: the wall board, window display, counter terminal, rating pad (issue 3). zh-CN first; English must have the same keys. */
export const screensZh = {};

export const screensEn: typeof screensZh = {};
