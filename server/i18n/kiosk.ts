/**
 * Message table section: the kiosk page (取号机) and the printed ticket (issue 4). zh-CN first;
 * English has the same keys. Words with a number in them are functions, so each language puts the
 * number where its grammar wants it.
 */

/** Why a ticket did not come out of the printer (`print.error` codes, see printers/ticket-printer.ts). */
export type PrintErrorCode =
  | 'printer_bad_address'
  | 'printer_refused'
  | 'printer_unreachable'
  | 'printer_no_answer'
  | 'printer_paper_out'
  | 'printer_timeout'
  | 'printer_error';

export const kioskZh = {
  title: '自助取号',
  loginHeading: '取号机登录',
  chooseArea: '请选择办理业务',
  chooseAreaHint: '点击业务区域取号，或搜索具体事项',
  waiting: (n: number) => `等候 ${n} 人`,
  searchButton: '搜索办理事项',
  searchTitle: '搜索办理事项',
  searchPlaceholder: '输入事项名称或拼音，如 bdc、gongjijin',
  searchHint: '可输入汉字、全拼或拼音首字母',
  searchEmpty: '没有找到相关事项，请返回选择业务区域，或咨询导办人员',
  searchCount: (n: number) => `找到 ${n} 项`,
  wholeArea: '按业务区域取号',
  keyDelete: '删除',
  keyClear: '清空',
  greenChannel: '绿色通道',
  greenChannelNote: '老年人、残疾人、孕妇优先',
  greenChannelOn: '绿色通道已选：请选择业务区域或事项',
  greenChannelOff: '取消绿色通道',
  appointment: '预约签到',
  appointmentNote: '已预约的群众请输入预约码',
  appointmentTitle: '预约签到',
  appointmentPrompt: '请输入预约码',
  confirm: '确认',
  back: '返回首页',
  issuing: '正在取号，请稍候…',
  yourNumber: '您的号码',
  area: '业务区域',
  service: '办理事项',
  ahead: (n: number) => `前面还有 ${n} 人等候`,
  estimatedWait: (minutes: number) => `预计等候约 ${minutes} 分钟`,
  noEstimate: '暂无法估计等候时间',
  issuedAt: '取号时间',
  scanToTrack: '微信扫码，随时查看排队进度',
  printed: '凭条已打印，请取走凭条',
  printFailed: '凭条未能打印，请拍照或扫码记下号码，并告知导办人员',
  noPrinter: '本机不打印凭条，请拍照或扫码记下号码',
  reprint: '重新打印凭条',
  printErrors: {
    printer_bad_address: '打印机地址配置有误',
    printer_refused: '打印机未开机或未联网',
    printer_unreachable: '无法连接打印机',
    printer_no_answer: '打印机无响应',
    printer_paper_out: '打印机缺纸',
    printer_timeout: '打印超时',
    printer_error: '打印机故障',
  } satisfies Record<PrintErrorCode, string>,
  done: '完成',
  returningIn: (seconds: number) => `${seconds} 秒后自动返回首页`,
  listenForCall: '请留意大厅屏幕和语音叫号',
  /** On paper. */
  paper: {
    overdue: '过号请重新取号',
    specialHoursTitle: '延时服务',
    /** `每周三 19:00–21:00 夜市` */
    specialHours: (weekday: string, start: string, end: string, session: string) => `每${weekday} ${start}–${end} ${session}`,
    reprint: '补打凭条',
    scan: '扫码查看排队进度',
  },
};

export const kioskEn: typeof kioskZh = {
  title: 'Take a ticket',
  loginHeading: 'Kiosk sign-in',
  chooseArea: 'Choose your service',
  chooseAreaHint: 'Touch an area to take a ticket, or search for a service',
  waiting: (n) => `${n} waiting`,
  searchButton: 'Search services',
  searchTitle: 'Search services',
  searchPlaceholder: 'Service name or pinyin, e.g. bdc, gongjijin',
  searchHint: 'Chinese characters, full pinyin or pinyin initials',
  searchEmpty: 'No matching service. Go back and choose an area, or ask a guide',
  searchCount: (n) => `${n} found`,
  wholeArea: 'Take a ticket for the whole area',
  keyDelete: 'Delete',
  keyClear: 'Clear',
  greenChannel: 'Priority lane',
  greenChannelNote: 'Elderly · disabled · pregnant served first',
  greenChannelOn: 'Priority lane chosen: now choose an area or service',
  greenChannelOff: 'Cancel priority lane',
  appointment: 'Appointment check-in',
  appointmentNote: 'Booked? Enter your appointment code',
  appointmentTitle: 'Appointment check-in',
  appointmentPrompt: 'Enter your appointment code',
  confirm: 'Confirm',
  back: 'Back to start',
  issuing: 'Taking your ticket…',
  yourNumber: 'Your number',
  area: 'Area',
  service: 'Service',
  ahead: (n) => (n === 1 ? '1 person ahead of you' : `${n} people ahead of you`),
  estimatedWait: (minutes) => `About ${minutes} min wait`,
  noEstimate: 'Wait time not known yet',
  issuedAt: 'Issued',
  scanToTrack: 'Scan to follow your place in the queue',
  printed: 'Your ticket is printed, please take it',
  printFailed: 'The ticket could not be printed: take a photo or scan the code, and tell a guide',
  noPrinter: 'This kiosk prints no tickets: take a photo or scan the code',
  reprint: 'Print the ticket again',
  printErrors: {
    printer_bad_address: 'Printer address is misconfigured',
    printer_refused: 'Printer is off or offline',
    printer_unreachable: 'Cannot reach the printer',
    printer_no_answer: 'Printer does not answer',
    printer_paper_out: 'Printer is out of paper',
    printer_timeout: 'Printing timed out',
    printer_error: 'Printer fault',
  },
  done: 'Done',
  returningIn: (seconds) => `Back to start in ${seconds} s`,
  listenForCall: 'Watch the hall screens and listen for your number',
  paper: {
    overdue: 'Missed your call? Please take a new ticket',
    specialHoursTitle: 'Extended hours',
    specialHours: (weekday, start, end, session) => `Every ${weekday} ${start}–${end} ${session}`,
    reprint: 'Reprinted ticket',
    scan: 'Scan to follow the queue',
  },
};
