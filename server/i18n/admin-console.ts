/**
 * The console's frame and its hall sections (halls, areas, windows, change history), zh-CN first.
 * Staff, devices and catalogue words are in `admin-people.ts`; calendar and notices in
 * `admin-calendar.ts`.
 */
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
};
