import { join } from 'node:path';
import type { WebAppOptions } from '@gongkai/web';

/** The portal's pages: its templates and assets (copied beside the build), and its navigation. */
export const PORTAL_WEB: WebAppOptions = {
  app: 'portal',
  viewsDir: join(__dirname, '..', '..', 'views'),
  assetsDir: join(__dirname, '..', '..', 'assets'),
  signInPath: '/login',
  layout: 'page',
  nav: [
    { href: '/', label: '首页' },
    { href: '/apply', label: '在线申请' },
    { href: '/track', label: '查询进度' },
    { href: '/agencies', label: '受理机关' },
    { href: '/guide', label: '申请须知' },
    { href: '/requests', label: '我的申请', signedIn: true },
    { href: '/account/notifications', label: '我的消息', signedIn: true },
    { href: '/login', label: '登录', signedIn: false },
    { href: '/register', label: '注册', signedIn: false },
  ],
};
