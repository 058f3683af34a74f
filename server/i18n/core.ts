/**
 * The core section of the message table: error messages, weekdays, sessions, statuses.
 */
import type { ErrorCode } from '../domain/errors';
import type { Priority, SessionKind, TicketStatus, WindowStatus } from '../domain/types';

export type CoreTable = {
  errors: Record<ErrorCode, string>;
  weekdays: readonly string[];
  sessions: Record<SessionKind | 'closed' | 'extended', string>;
  priorities: Record<Priority, string>;
  ticketStatus: Record<TicketStatus, string>;
  windowStatus: Record<WindowStatus, string>;
  /** A page could not reach the server at all. */
  networkError: string;
};

export const coreZh: CoreTable = {
  errors: {
    invalid_request: '请求无效',
    unauthorized: '请先登录',
    forbidden: '无权进行此操作',
    not_window_clerk: '您未在此窗口签到',
    priority_not_allowed: '无权领取该类号票',
    not_found: '未找到',
    hall_not_found: '未找到该大厅',
    window_not_found: '未找到该窗口',
    ticket_not_found: '未找到该号票',
    notice_not_found: '未找到该公告',
    appointment_not_found: '未找到该预约',
    window_closed: '窗口未开放',
    window_paused: '窗口已暂停',
    window_busy: '当前号票尚未办结',
    window_taken: '该窗口已有其他工作人员签到',
    clerk_elsewhere: '您已在其他窗口签到',
    not_paused: '窗口未暂停',
    no_current_ticket: '当前没有号票',
    ticket_not_waiting: '该号票不在等候中',
    area_not_served: '本窗口不办理该区域业务',
    same_area: '号票已在该区域',
    recall_limit: '重呼次数已达上限',
    not_started: '尚未开始办理',
    already_started: '已开始办理',
    not_completed: '业务尚未办结',
    already_rated: '已评价过',
    hall_closed: '当前不在办公时间',
    area_closed: '该区域今日已停止取号',
    daily_cap_reached: '该区域今日号票已发完',
    slot_full: '该时段预约已满',
    appointment_too_early: '未到签到时间，请在预约时段开始前1小时内签到',
    appointment_too_late: '预约时段已过，请重新取号或预约',
    appointment_used: '该预约已签到',
    appointment_cancelled: '该预约已取消',
    catalogue_problems: '导入文件有错误，未导入',
    bad_catalogue_file: '无法读取事项目录文件',
    version_conflict: '内容已被他人修改，请刷新后重试',
    idempotency_key_reused: '请求标识已用于其他请求',
    payload_too_large: '请求内容过大',
    rate_limited: '操作过于频繁，请稍后再试',
    internal_error: '系统错误，请联系管理员',
    store_unavailable: '系统暂时不可用，请稍后再试',
  },
  weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  sessions: { regular: '正常办公', night: '夜市', morning: '早市', closed: '休息', extended: '延时服务' },
  priorities: { normal: '普通', priority: '绿色通道', appointment: '预约', urgent: '特事特办' },
  ticketStatus: {
    waiting: '等候中',
    called: '已呼叫',
    serving: '办理中',
    done: '已办结',
    no_show: '已过号',
    transferred: '已转移',
    cancelled: '已作废',
  },
  windowStatus: { closed: '未开放', open: '服务中', paused: '暂停服务' },
  networkError: '网络连接失败，请重试',
};

export const coreEn: CoreTable = {
  errors: {
    invalid_request: 'Invalid request',
    unauthorized: 'Please sign in',
    forbidden: 'Not allowed',
    not_window_clerk: 'You are not signed in at this window',
    priority_not_allowed: 'This kind of ticket cannot be taken here',
    not_found: 'Not found',
    hall_not_found: 'No such hall',
    window_not_found: 'No such window',
    ticket_not_found: 'No such ticket',
    notice_not_found: 'No such notice',
    appointment_not_found: 'No such appointment',
    window_closed: 'Window is closed',
    window_paused: 'Window is paused',
    window_busy: 'Finish the current ticket first',
    window_taken: 'Another clerk is signed in at this window',
    clerk_elsewhere: 'You are signed in at another window',
    not_paused: 'Window is not paused',
    no_current_ticket: 'No current ticket',
    ticket_not_waiting: 'That ticket is not waiting',
    area_not_served: 'This window does not serve that area',
    same_area: 'The ticket is already in that area',
    recall_limit: 'Recall limit reached',
    not_started: 'Service has not started',
    already_started: 'Service has already started',
    not_completed: 'Service is not completed',
    already_rated: 'Already rated',
    hall_closed: 'The hall is closed now',
    area_closed: 'This area has stopped issuing tickets today',
    daily_cap_reached: 'No tickets left for this area today',
    slot_full: 'That time slot is fully booked',
    appointment_too_early: 'Too early: check in within the hour before your slot',
    appointment_too_late: 'Your slot has passed: take a ticket or book again',
    appointment_used: 'This appointment was already checked in',
    appointment_cancelled: 'This appointment was cancelled',
    catalogue_problems: 'The file has problems; nothing was imported',
    bad_catalogue_file: 'The catalogue file cannot be read',
    version_conflict: 'Changed by someone else meanwhile; reload and try again',
    idempotency_key_reused: 'Idempotency-Key was used for another request',
    payload_too_large: 'Request too large',
    rate_limited: 'Too many requests, try again later',
    internal_error: 'System error, please call the administrator',
    store_unavailable: 'System temporarily unavailable, try again shortly',
  },
  weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  sessions: { regular: 'Office hours', night: 'night service', morning: 'morning service', closed: 'Closed', extended: 'Extended hours' },
  priorities: { normal: 'Normal', priority: 'Priority', appointment: 'Appointment', urgent: 'Urgent' },
  ticketStatus: {
    waiting: 'Waiting',
    called: 'Called',
    serving: 'Serving',
    done: 'Done',
    no_show: 'Missed',
    transferred: 'Transferred',
    cancelled: 'Cancelled',
  },
  windowStatus: { closed: 'Closed', open: 'Open', paused: 'Paused' },
  networkError: 'Network error, please retry',
};

