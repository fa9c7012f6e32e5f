import { join } from 'node:path';
import type { WebAppOptions } from '@gongkai/web';

/** The console's pages: templates, the desk layout, and the navigation by permission. */
export const CONSOLE_WEB: WebAppOptions = {
  app: 'console',
  viewsDir: join(__dirname, '..', '..', 'views'),
  signInPath: '/login',
  accountSetup: {
    'AUTH.PASSWORD_CHANGE_REQUIRED': '/account/password',
    'AUTH.SECOND_FACTOR_REQUIRED': '/account/second-factor',
  },
  layout: 'console',
  title: '工作台',
  nav: [
    { href: '/', label: '工作台首页', signedIn: true },
    { href: '/register', label: '登记纸质申请', signedIn: true, permission: 'request.register' },
    { href: '/worklist?queue=mine', label: '我的待办', signedIn: true, permission: 'request.handle' },
    { href: '/worklist?queue=unassigned', label: '认领中心', signedIn: true, permission: 'request.claim' },
    { href: '/worklist?queue=due_soon', label: '即将到期', signedIn: true, permission: 'request.read' },
    { href: '/worklist?queue=overdue', label: '已逾期', signedIn: true, permission: 'request.read' },
    { href: '/worklist?queue=to_review', label: '待审核', signedIn: true, permission: 'request.review' },
    { href: '/worklist?queue=to_sign', label: '待签发', signedIn: true, permission: 'request.sign' },
    { href: '/worklist?queue=to_serve', label: '待送达', signedIn: true, permission: 'request.handle' },
    { href: '/worklist?queue=to_archive', label: '待归档', signedIn: true, permission: 'request.handle' },
    { href: '/worklist?queue=all', label: '全部申请', signedIn: true, permission: 'request.read' },
    { href: '/supervision', label: '督办', signedIn: true, permission: 'request.approve' },
    { href: '/library', label: '案例库', signedIn: true, permission: 'request.read' },
    { href: '/reports', label: '年度报告', signedIn: true, permission: 'report.read' },
    { href: '/analysis', label: '多维度分析', signedIn: true, permission: 'report.read' },
    { href: '/analysis/disclosure', label: '转主动公开', signedIn: true, permission: 'report.read' },
    { href: '/admin/agencies', label: '机关管理', signedIn: true, permission: 'agency.manage' },
    { href: '/admin/users', label: '用户与角色', signedIn: true, permission: 'user.manage' },
    { href: '/admin/users', label: '用户与角色', signedIn: true, permission: 'role.manage' },
    { href: '/admin/calendar', label: '工作日历', signedIn: true, permission: 'calendar.manage' },
    { href: '/admin/templates', label: '文书模板', signedIn: true, permission: 'template.manage' },
    { href: '/admin/system', label: '系统运行状况', signedIn: true, permission: 'system.monitor' },
    { href: '/audit', label: '审计日志', signedIn: true, permission: 'audit.read' },
    { href: '/notifications', label: '我的通知', signedIn: true },
    { href: '/account/sessions', label: '登录会话', signedIn: true },
    { href: '/account/second-factor', label: '动态口令', signedIn: true },
    { href: '/account/password', label: '修改密码', signedIn: true },
  ],
};

/** The worklists as the desk names them. */
export const QUEUE_LABELS: Record<string, string> = {
  mine: '我的待办',
  unassigned: '认领中心',
  due_soon: '即将到期',
  overdue: '已逾期',
  correction_due: '待发补正告知',
  to_review: '待审核',
  to_sign: '待签发',
  to_serve: '待送达',
  to_archive: '待归档',
  consulting: '征询中',
  all: '全部申请',
};

/** Why a request's clock stands still, in the desk's words (never colour alone). */
export const PAUSED_WORDS: Record<string, string> = {
  awaiting_correction: '补正',
  consulting: '征询',
  awaiting_fee: '收费',
};

/** The time left as the case page says it: working days, the reason for a pause, or concluded. */
export function timeLeftWords(status: string, words: string | null): string {
  if (words) {
    return words;
  }
  const paused = PAUSED_WORDS[status];
  if (paused) {
    return `期限暂停（${paused}期间不计算）`;
  }
  return ['replied', 'served', 'archived', 'terminated', 'withdrawn'].includes(status) ? '已办结' : '—';
}
