/**
 * The console's frame and its hall sections (halls, areas, windows, change history), zh-CN first.
 * Staff, devices and catalogue words are in `admin-people.ts`; calendar and notices in
 * `admin-calendar.ts`.
 */
import type { HallProblemCode } from '../domain/hall-rules';

export const adminConsoleZh = {
  title: '政务服务大厅管理后台',
  login: '管理后台登录',
  staffOnly: '管理后台仅供管理员和大厅负责人使用',
  sections: {
    halls: '大厅',
    areas: '综合窗口区',
    windows: '窗口',
    staff: '工作人员',
    devices: '设备',
    catalogue: '事项目录',
    calendar: '办公日历',
    notices: '公告',
    history: '变更记录',
  },
  signOut: '退出登录',
  save: '保存',
  saved: '已保存，各节点 1 秒内生效',
  saving: '正在保存…',
  /** Someone else saved first: the form reloads their version. */
  staleVersion: '其他人刚刚修改了此配置，已载入最新版本，请核对后重新保存',
  fromNowOn: '此后生效：保存后各节点立即采用，以后每天沿用',
  todayOnly: '仅限今日：记入今天的日志，次日恢复',
  /**
   * The hall document's consistency problems (`server/domain/hall-rules.ts`), `{name}` quoting the
   * problem's params; the same words whether the form or the server caught it.
   */
  problems: {
    invalid_value: '{field}：取值不符合要求',
    unknown_timezone: '未知时区 {value}',
    duplicate_area_id: '区域编号 {value} 重复',
    duplicate_prefix: '号票字头 {value} 重复',
    duplicate_service_id: '事项编号 {value} 重复',
    duplicate_window_id: '窗口编号 {value} 重复',
    duplicate_window_number: '窗口号 {value} 重复',
    unknown_window_area: '{window}号窗口办理的区域 {area} 不存在',
    area_without_window: '没有窗口办理区域 {area}',
    unknown_device_window: '设备 {device} 所属的窗口 {window} 不存在',
    duplicate_voice_zone: '广播分区 {value} 重复',
    area_in_two_zones: '区域 {area} 同时属于两个广播分区',
    unknown_zone_area: '广播分区 {zone} 中的区域 {area} 不存在',
    duplicate_voice_locale: '播报语言 {value} 重复',
    unknown_alert_area: '等候预警中的区域 {area} 不存在',
    alert_order: '区域 {area} 的提醒时长须小于告警时长',
    session_order: '时段 {start}–{end} 的结束时间早于开始时间',
  } satisfies Record<HallProblemCode, string>,
  /** A removal the live day refuses (`server/domain/config-change.ts`). */
  inUse: {
    window_in_use: '{id} 窗口有工作人员登录或号票在办，不能删除',
    area_in_use: '区域 {id} 仍有等候或叫号中的号票（或开放的窗口），不能删除',
  },
};

export const adminConsoleEn: typeof adminConsoleZh = {
  title: 'Service hall administration',
  login: 'Administration sign-in',
  staffOnly: 'The console is for administrators and hall managers',
  sections: {
    halls: 'Halls',
    areas: 'Areas',
    windows: 'Windows',
    staff: 'Staff',
    devices: 'Devices',
    catalogue: 'Catalogue',
    calendar: 'Calendar',
    notices: 'Notices',
    history: 'Change history',
  },
  signOut: 'Sign out',
  save: 'Save',
  saved: 'Saved; every node applies it within a second',
  saving: 'Saving…',
  staleVersion: 'Someone else just changed this configuration; their version is loaded, check it and save again',
  fromNowOn: 'From now on: every node applies it at once, and later days keep it',
  todayOnly: 'Today only: kept in today\'s log, gone tomorrow',
  problems: {
    invalid_value: '{field}: not an allowed value',
    unknown_timezone: 'unknown timezone {value}',
    duplicate_area_id: 'area id {value} is used twice',
    duplicate_prefix: 'ticket prefix {value} is used twice',
    duplicate_service_id: 'service id {value} is used twice',
    duplicate_window_id: 'window id {value} is used twice',
    duplicate_window_number: 'window number {value} is used twice',
    unknown_window_area: 'window {window} serves unknown area {area}',
    area_without_window: 'no window serves area {area}',
    unknown_device_window: 'device {device} belongs to unknown window {window}',
    duplicate_voice_zone: 'voice zone {value} is used twice',
    area_in_two_zones: 'area {area} is in two voice zones',
    unknown_zone_area: 'voice zone {zone} has unknown area {area}',
    duplicate_voice_locale: 'voice locale {value} is listed twice',
    unknown_alert_area: 'waitAlerts has unknown area {area}',
    alert_order: 'waitAlerts.{area}: warnMinutes must be below alertMinutes',
    session_order: 'session {start}–{end} ends before it starts',
  },
  inUse: {
    window_in_use: 'window {id} has a clerk signed in or a ticket in hand and cannot be removed',
    area_in_use: 'area {id} still has waiting or called tickets (or an open window) and cannot be removed',
  },
};
