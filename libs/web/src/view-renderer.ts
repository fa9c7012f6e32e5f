import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { registerHelpers } from './helpers';

/** The shared views of libs/web (layouts and components), beside this folder in source and build. */
export const WEB_VIEWS_DIR = join(__dirname, '..', 'views');

/**
 * Server-side rendering with Handlebars: the shared layouts and components of libs/web, plus the
 * pages of one app. Templates are compiled once; every value is HTML-escaped unless a template
 * deliberately uses triple braces for markup the server built itself.
 */
export class ViewRenderer {
  private readonly hbs = Handlebars.create();
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layouts = new Map<string, Handlebars.TemplateDelegate>();

  constructor(private readonly appViewsDir: string) {
    registerHelpers(this.hbs);
    for (const dir of [join(WEB_VIEWS_DIR, 'partials'), join(appViewsDir, 'partials')]) {
      for (const file of templatesIn(dir)) {
        this.hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(dir, file), 'utf8'));
      }
    }
    for (const file of templatesIn(join(WEB_VIEWS_DIR, 'layouts'))) {
      this.layouts.set(basename(file, '.hbs'), this.compile(join(WEB_VIEWS_DIR, 'layouts', file)));
    }
  }

  /** Renders `page` (a path under the app's views, or `@web/…` for a shared one; no .hbs) inside `layout`. */
  render(page: string, context: Record<string, unknown>, layout = 'page'): string {
    let template = this.pages.get(page);
    if (!template) {
      template = this.compile(
        page.startsWith('@web/')
          ? join(WEB_VIEWS_DIR, `${page.slice(5)}.hbs`)
          : join(this.appViewsDir, `${page}.hbs`),
      );
      this.pages.set(page, template);
    }
    const body = template(context);
    const frame = this.layouts.get(layout);
    if (!frame) {
      throw new Error(`no layout "${layout}"`);
    }
    return frame({ ...context, body });
  }

  private compile(path: string): Handlebars.TemplateDelegate {
    return this.hbs.compile(readFileSync(path, 'utf8'), { strict: false, preventIndent: true });
  }
}

function templatesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.hbs')) : [];
}
