/** Message table section: the calendar, appointments, booking and phone pages (issue 7). zh-CN first; English must have the same keys. */
export const calendarZh = {};

export const calendarEn: typeof calendarZh = {};
