/** The audit trail's page (安全审计): what the audit administrator reads. */
import type { AuditKind } from '../domain/audit-record';

export const auditZh = {
  title: '安全审计记录',
  login: '审计管理员登录',
  onlyAuditor: '此页面仅供审计管理员使用（三员分立：系统管理员与安全管理员无权查看）',
  signOut: '退出',
  filter: '类型',
  all: '全部',
  older: '更早的记录',
  newest: '回到最新',
  loading: '正在读取审计记录…',
  none: '没有符合条件的记录',
  chainNote: '每条记录都含上一条的哈希值（哈希链），任何修改或删除都会被 npm run audit:verify 指出。',
  columns: { seq: '序号', at: '时间', kind: '类型', actor: '操作人', role: '角色', address: '地址', action: '操作', status: '结果', hall: '大厅', hash: '哈希' },
  kinds: {
    sign_in: '登录成功',
    sign_in_failed: '登录失败',
    password_change: '修改密码',
    admin_change: '管理操作',
    personal_data_export: '读取个人信息',
    access_refused: '越权访问被拒',
  } satisfies Record<AuditKind, string>,
};

export const auditEn: typeof auditZh = {
  title: 'Security audit trail',
  login: 'Audit administrator sign-in',
  onlyAuditor: 'This page is for the audit administrator only (separation of duties: system and security administrators may not read it)',
  signOut: 'Sign out',
  filter: 'Kind',
  all: 'All',
  older: 'Older records',
  newest: 'Back to the newest',
  loading: 'Reading the audit trail…',
  none: 'No records match',
  chainNote: 'Each record carries the hash of the one before (a hash chain): npm run audit:verify names any record altered or removed.',
  columns: { seq: 'No.', at: 'Time', kind: 'Kind', actor: 'Who', role: 'Role', address: 'Address', action: 'Action', status: 'Result', hall: 'Hall', hash: 'Hash' },
  kinds: {
    sign_in: 'Signed in',
    sign_in_failed: 'Sign-in refused',
    password_change: 'Password change',
    admin_change: 'Administration',
    personal_data_export: 'Personal data read',
    access_refused: 'Access refused',
  },
};
