/** The console's calendar and notices sections, zh-CN first. */
export const adminCalendarZh = {
  calendar: {},
  notices: {},
};

export const adminCalendarEn: typeof adminCalendarZh = {
  calendar: {},
  notices: {},
};
