/** Message table section: the manager board, statistics (issue 6). zh-CN first; English must have the same keys. */
export const managerZh = {};

export const managerEn: typeof managerZh = {};
