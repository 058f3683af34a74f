/** The console's staff, devices and catalogue sections, zh-CN first. */
export const adminPeopleZh = {
  staff: {},
  devices: {},
  catalogue: {},
};

export const adminPeopleEn: typeof adminPeopleZh = {
  staff: {},
  devices: {},
  catalogue: {},
};
