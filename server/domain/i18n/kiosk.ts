/** Message table section: the kiosk page and the printed ticket (issue 4). zh-CN first; English must have the same keys. */
export const kioskZh = {};

export const kioskEn: typeof kioskZh = {};
