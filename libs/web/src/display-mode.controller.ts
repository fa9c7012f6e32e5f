import { Controller, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '@gongkai/core/platform';
import { text } from './form';
import { DISPLAY_COOKIE, Pages } from './pages.service';

/** A path of this site to return to after a form (never another site). */
export function safeReturn(value: string, fallback = '/'): string {
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : fallback;
}

/** The 长辈版 / 大字版 switch: larger text and higher contrast, remembered for a year in a cookie. */
@ApiExcludeController()
@Controller('display-mode')
export class DisplayModeController {
  constructor(private readonly pages: Pages) {}

  @Post()
  @Access('public')
  set(@Req() req: Request, @Res() res: Response): void {
    this.pages.csrf.verify(req);
    const mode = text(req.body, 'mode') === 'elder' ? 'elder' : 'standard';
    res.cookie(DISPLAY_COOKIE, mode, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: 365 * 24 * 3600 * 1000,
    });
    res.redirect(303, safeReturn(text(req.body, 'returnTo', 500)));
  }
}
