/**
 * The demo halls, modelled on the seed: the Yuxi city center (玉溪市政务服务中心, eight areas A–H,
 * 21 windows, Wednesday night market) and a county hall (通海县政务服务中心, eight windows shared by
 * several areas, Saturday morning market). Staff and devices are demo accounts (password `demo`).
 */
import { DEFAULT_POLICY, type AreaConfig, type CalendarConfig, type DeviceConfig, type HallConfig, type StaffMember, type WindowConfig } from '../domain/types';
import type { JourneyConfig } from '../domain/journeys';
import { YUXI_AREAS } from './catalogue';

const CITY_CALENDAR: CalendarConfig = {
  // 午间不断档: one unbroken day, no lunch break.
  workday: [{ kind: 'regular', start: '09:00', end: '17:00' }],
  weekly: [{ weekday: 3, session: { kind: 'night', start: '19:00', end: '21:00' } }],
  holidays: [],
  makeupWorkdays: [],
};

const COUNTY_CALENDAR: CalendarConfig = {
  workday: [{ kind: 'regular', start: '09:00', end: '17:00' }],
  weekly: [{ weekday: 6, session: { kind: 'morning', start: '09:00', end: '11:00' } }],
  holidays: [],
  makeupWorkdays: [],
};

const CLERK_NAMES = [
  '李娜',
  '王磊',
  '张敏',
  '刘洋',
  '陈静',
  '杨帆',
  '赵丽',
  '黄鹏',
  '周婷',
  '吴刚',
  '徐芳',
  '孙伟',
  '马丽华',
  '朱晓东',
  '胡雪',
  '郭亮',
  '何佳',
  '高翔',
  '林慧',
  '罗斌',
  '郑蓉',
];

function windows(layout: Array<[number, string[], string?]>, areas: AreaConfig[]): WindowConfig[] {
  return layout.map(([number, areaIds, name]) => ({
    id: String(number),
    number,
    name: name ?? areas.find((a) => a.id === areaIds[0])!.name,
    areaIds,
    selection: 'primary-first',
  }));
}

function staff(prefix: string, staffNoPrefix: string, count: number, extra: StaffMember[]): StaffMember[] {
  const clerks = Array.from({ length: count }, (_, i): StaffMember => {
    const n = String(i + 1).padStart(2, '0');
    return { id: `${prefix}clerk${n}`, name: CLERK_NAMES[i % CLERK_NAMES.length]!, role: 'clerk', staffNo: `${staffNoPrefix}${String(101 + i)}` };
  });
  return [...extra, ...clerks];
}

function devices(prefix: string): DeviceConfig[] {
  return [
    { id: `${prefix}kiosk01`, kind: 'kiosk' },
    { id: `${prefix}display01`, kind: 'display' },
    { id: `${prefix}rating01`, kind: 'rating' },
  ];
}

const yuxiWindows = windows(
  [
    [1, ['invest']],
    [2, ['invest']],
    [3, ['estate']],
    [4, ['estate']],
    [5, ['estate']],
    [6, ['estate']],
    [7, ['utility']],
    [8, ['utility']],
    [9, ['tax']],
    [10, ['tax']],
    [11, ['tax', 'estate'], '税务·不动产联办'],
    [12, ['business']],
    [13, ['business']],
    [14, ['fund']],
    [15, ['fund']],
    [16, ['insurance']],
    [17, ['insurance']],
    [18, ['insurance']],
    [19, ['police']],
    [20, ['police']],
    [21, ['police']],
  ],
  YUXI_AREAS,
);

/**
 * Every area takes appointments in half-hour slots, two citizens each; the long approval and
 * real-estate services stop taking walk-ins half an hour before closing.
 */
const BOOKABLE_AREAS: AreaConfig[] = YUXI_AREAS.map((a) => ({
  ...a,
  appointments: { slotMinutes: 30, capacity: 2 },
  ...(a.id === 'invest' || a.id === 'estate' ? { lastTicketMinutes: 30 } : {}),
}));

/**
 * 一件事一次办 bundles both demo halls offer: a newborn's registration, medical insurance and its
 * fee; opening a company and its first invoices; a second-hand home's transfer and its utilities.
 */
const JOURNEYS: JourneyConfig[] = [
  {
    id: 'newborn',
    name: '新生儿出生一件事',
    steps: [
      { areaId: 'police', serviceId: 'police-04' },
      { areaId: 'insurance', serviceId: 'insurance-08' },
      { areaId: 'tax', serviceId: 'tax-09' },
    ],
  },
  {
    id: 'company-start',
    name: '企业开办一件事',
    steps: [
      { areaId: 'business', serviceId: 'business-01' },
      { areaId: 'tax', serviceId: 'tax-01' },
    ],
  },
  {
    id: 'home-transfer',
    name: '二手房过户及水电气过户一件事',
    steps: [
      { areaId: 'estate', serviceId: 'estate-02' },
      { areaId: 'utility', serviceId: 'utility-09' },
    ],
  },
];

export const YUXI: HallConfig = {
  id: 'yuxi',
  name: '玉溪市政务服务中心',
  timezone: 'Asia/Shanghai',
  address: '云南省玉溪市红塔区（演示地址）',
  areas: BOOKABLE_AREAS,
  windows: yuxiWindows,
  policy: DEFAULT_POLICY,
  calendar: CITY_CALENDAR,
  staff: staff('', 'YX', yuxiWindows.length, [{ id: 'manager', name: '值班长 杨建华', role: 'manager', staffNo: 'YX001' }]),
  devices: devices(''),
  journeys: JOURNEYS,
};

const tonghaiWindows = windows(
  [
    [1, ['estate', 'tax'], '不动产·税务'],
    [2, ['estate', 'tax'], '不动产·税务'],
    [3, ['tax', 'estate'], '税务·不动产'],
    [4, ['business', 'invest'], '企业开办·投资审批'],
    [5, ['insurance', 'fund'], '社保·公积金'],
    [6, ['insurance', 'fund'], '社保·公积金'],
    [7, ['police'], '公安事务'],
    [8, ['utility', 'police'], '水电气·公安'],
  ],
  YUXI_AREAS,
).map((w): WindowConfig => (w.number === 5 || w.number === 6 ? { ...w, selection: 'longest-wait' } : w));

export const TONGHAI: HallConfig = {
  id: 'tonghai',
  name: '通海县政务服务中心',
  timezone: 'Asia/Shanghai',
  address: '云南省玉溪市通海县（演示地址）',
  areas: BOOKABLE_AREAS,
  windows: tonghaiWindows,
  policy: DEFAULT_POLICY,
  calendar: COUNTY_CALENDAR,
  staff: staff('tonghai-', 'TH', tonghaiWindows.length, [{ id: 'tonghai-manager', name: '值班长 普文', role: 'manager', staffNo: 'TH001' }]),
  devices: devices('tonghai-'),
  journeys: JOURNEYS,
};

export const DEMO_HALLS: HallConfig[] = [YUXI, TONGHAI];
