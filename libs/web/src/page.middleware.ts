import { Injectable, NestMiddleware } from '@nestjs/common';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { validationFailed } from '@gongkai/domain';
import { inputProblems } from '@gongkai/core/platform';
import type { ErrorPageRenderer } from '@gongkai/core/platform';
import { Pages } from './pages.service';

const urlencoded = express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 500 });

/**
 * Runs before every page (not `/api/…`): reads url-encoded form posts, and lets the error filter
 * answer a page's errors as pages.
 */
@Injectable()
export class PageMiddleware implements NestMiddleware {
  constructor(private readonly pages: Pages) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (req.path.startsWith('/api/') || req.path === '/health') {
      next();
      return;
    }
    const errorPage: ErrorPageRenderer = (q, s, status, body) => this.pages.renderError(q, s, status, body);
    res.locals.errorPage = errorPage;
    urlencoded(req, res, (err?: unknown) => {
      if (err) {
        next(err);
        return;
      }
      // Control characters or broken Unicode in a form never reach a rule or the database.
      const problems = inputProblems(req.body);
      next(problems.length > 0 ? validationFailed(problems) : undefined);
    });
  }
}
