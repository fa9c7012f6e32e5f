import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DocumentFormatDto, LetterService } from '@gongkai/core/letters';
import { Access, Clock, PersonalDataCipher, RateLimiter, readCookie, uuidPipe } from '@gongkai/core/platform';
import { requestNotFound } from '@gongkai/core/request-record';
import { QUERY_CODE_LENGTH, TrackingService } from '@gongkai/core/requests/tracking';
import { NO_ERRORS, Pages, formErrors, text } from '@gongkai/web';
import type { FormErrors } from '@gongkai/web';
import { PORTAL_LIMITS } from '../portal-limits';
import { citizenStatus } from './request-words';

const GRANT_COOKIE = 'gk_track';
const GRANT_MINUTES = 30;

/**
 * 查询办理进度 without an account: 申请编号 + 查询码 open a read-only view for 30 minutes (a signed
 * cookie). A wrong pair reveals nothing, is audited and counts against the address's limit.
 */
@ApiExcludeController()
@Controller('track')
export class TrackPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly tracking: TrackingService,
    private readonly letters: LetterService,
    private readonly limiter: RateLimiter,
    private readonly cipher: PersonalDataCipher,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access('public')
  form(@Req() req: Request, @Res() res: Response) {
    return this.renderForm(req, res, NO_ERRORS, '');
  }

  @Post()
  @Access('public')
  async lookup(@Req() req: Request, @Res() res: Response) {
    this.pages.csrf.verify(req);
    const number = text(req.body, 'number', 60);
    const code = text(req.body, 'code', 20);
    if (!number || !code) {
      res.status(400);
      return this.renderForm(
        req,
        res,
        formErrors([
          ...(!number ? [{ field: 'number', code: 'required', message: '请填写申请编号' }] : []),
          ...(!code ? [{ field: 'code', code: 'required', message: '请填写查询码' }] : []),
        ]),
        number,
      );
    }
    await this.limiter.hit(PORTAL_LIMITS.lookupIp, req.ip ?? '');
    const id = await this.tracking.find(number, code, { ip: req.ip });
    if (!id) {
      res.status(400);
      return this.renderForm(
        req,
        res,
        formErrors([
          { field: 'code', code: 'lookup.notFound', message: '申请编号或查询码不正确，请核对后重新输入' },
        ]),
        number,
      );
    }
    res.cookie(GRANT_COOKIE, this.grant(id), {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/track',
      maxAge: GRANT_MINUTES * 60 * 1000,
    });
    res.redirect(303, '/track/result');
  }

  @Get('result')
  @Access('public')
  async result(@Req() req: Request, @Res() res: Response) {
    const id = this.granted(req);
    if (!id) {
      return res.redirect(303, '/track');
    }
    const view = await this.tracking.publicView(id);
    return this.pages.render(
      req,
      res,
      'track-result',
      { r: view, status: citizenStatus(view.status) },
      { title: `申请 ${view.number} 的办理进度` },
    );
  }

  @Get('letters/:letterId')
  @Access('public')
  async letter(
    @Param('letterId', uuidPipe('letterId')) letterId: string,
    @Query() q: DocumentFormatDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const id = this.granted(req);
    if (!id) {
      throw requestNotFound(letterId);
    }
    await this.letters.send(res, id, letterId, q.format ?? 'html', true);
  }

  private renderForm(req: Request, res: Response, errors: FormErrors, number: string) {
    return this.pages.render(
      req,
      res,
      'track',
      { errors, number, codeLength: QUERY_CODE_LENGTH },
      { title: '查询办理进度', active: '/track' },
    );
  }

  private grant(requestId: string): string {
    const until = this.clock.now().getTime() + GRANT_MINUTES * 60_000;
    return `${requestId}.${until}.${this.cipher.blindIndex(`track:${requestId}:${until}`)}`;
  }

  private granted(req: Request): string | null {
    const [id, until, sig] = (readCookie(req, GRANT_COOKIE) ?? '').split('.');
    if (!id || !until || !sig || Number(until) < this.clock.now().getTime()) {
      return null;
    }
    const a = Buffer.from(sig);
    const b = Buffer.from(this.cipher.blindIndex(`track:${id}:${until}`));
    return a.length === b.length && timingSafeEqual(a, b) ? id : null;
  }
}
