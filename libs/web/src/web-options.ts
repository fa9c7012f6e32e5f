/** A link of an app's main navigation. */
import type { Permission } from '@gongkai/domain';

export interface NavItem {
  href: string;
  label: string;
  /** Shown only to staff holding this permission somewhere. */
  permission?: Permission;
  /** Shown only to a signed-in person (true) or only to a visitor (false); always when absent. */
  signedIn?: boolean;
}

/** What an app tells the shared page layer about itself. */
export interface WebAppOptions {
  app: 'portal' | 'console';
  /** The app's own page templates (and `partials/`). */
  viewsDir: string;
  /** The app's own static files, served under /assets beside the shared ones. */
  assetsDir?: string;
  nav: NavItem[];
  /** Where a visitor signs in (pages that need an account redirect there). */
  signInPath: string;
  /** Error codes that mean "set the account up first", and the page that does it (GET requests go there). */
  accountSetup?: Record<string, string>;
  /** The frame of every page: `page` (the portal) or `console` (a side navigation for the desk). */
  layout: 'page' | 'console';
  /** The app's name in the header beside the site name (e.g. 工作台). */
  title?: string;
}

export const WEB_OPTIONS = Symbol('WEB_OPTIONS');
