import { join } from 'node:path';
import type { WebAppOptions } from '@gongkai/web';

/** The console's pages: templates, the desk layout, and the navigation by permission. */
export const CONSOLE_WEB: WebAppOptions = {
  app: 'console',
  viewsDir: join(__dirname, '..', '..', 'views'),
  signInPath: '/login',
  layout: 'console',
  title: '工作台',
  nav: [
    { href: '/', label: '工作台首页', signedIn: true },
    { href: '/worklist?queue=mine', label: '我的待办', signedIn: true, permission: 'request.handle' },
    { href: '/worklist?queue=unassigned', label: '认领中心', signedIn: true, permission: 'request.claim' },
    { href: '/worklist?queue=due_soon', label: '即将到期', signedIn: true, permission: 'request.read' },
    { href: '/worklist?queue=overdue', label: '已逾期', signedIn: true, permission: 'request.read' },
    { href: '/worklist?queue=to_review', label: '待审核', signedIn: true, permission: 'request.review' },
    { href: '/worklist?queue=to_sign', label: '待签发', signedIn: true, permission: 'request.sign' },
    { href: '/worklist?queue=to_serve', label: '待送达', signedIn: true, permission: 'request.handle' },
    { href: '/worklist?queue=to_archive', label: '待归档', signedIn: true, permission: 'request.handle' },
    { href: '/worklist?queue=all', label: '全部申请', signedIn: true, permission: 'request.read' },
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
