import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AgencyService, agencyNotFound } from '@gongkai/core/agencies';
import type { AgencyEntity } from '@gongkai/core/agencies';
import { Access } from '@gongkai/core/platform';
import { Pages } from '@gongkai/web';

interface AgencyNode {
  agency: AgencyEntity;
  children: AgencyNode[];
}

/** The agency tree from materialized paths: each agency under its nearest listed ancestor. */
export function agencyTree(agencies: AgencyEntity[]): AgencyNode[] {
  const sorted = [...agencies].sort((a, b) => a.path.localeCompare(b.path));
  const roots: AgencyNode[] = [];
  const placed: AgencyNode[] = [];
  for (const agency of sorted) {
    const node = { agency, children: [] };
    const parent = [...placed]
      .reverse()
      .find((p) => agency.path.startsWith(p.agency.path) && p.agency.path !== agency.path);
    (parent ? parent.children : roots).push(node);
    placed.push(node);
  }
  return roots;
}

/** The public pages: 依申请公开 home, 申请须知, 办理流程, 网站地图, 受理机关 and each agency's 指南. */
@ApiExcludeController()
@Controller()
export class SitePagesController {
  constructor(
    private readonly pages: Pages,
    private readonly agencies: AgencyService,
  ) {}

  @Get()
  @Access('public')
  home(@Req() req: Request, @Res() res: Response) {
    return this.pages.render(req, res, 'home', {}, { title: '依申请公开', active: '/' });
  }

  @Get('guide')
  @Access('public')
  guide(@Req() req: Request, @Res() res: Response) {
    return this.pages.render(req, res, 'guide', {}, { title: '申请须知', active: '/guide' });
  }

  @Get('process')
  @Access('public')
  process(@Req() req: Request, @Res() res: Response) {
    return this.pages.render(req, res, 'process', {}, { title: '办理流程' });
  }

  @Get('sitemap')
  @Access('public')
  sitemap(@Req() req: Request, @Res() res: Response) {
    return this.pages.render(req, res, 'sitemap', {}, { title: '网站地图' });
  }

  @Get('agencies')
  @Access('public')
  async list(@Req() req: Request, @Res() res: Response) {
    const tree = agencyTree(await this.agencies.acceptingApplications());
    return this.pages.render(req, res, 'agencies', { tree }, { title: '受理机关', active: '/agencies' });
  }

  @Get('agencies/:id')
  @Access('public')
  async agencyGuide(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const agency = await this.agencies.find(id);
    if (!agency || !agency.acceptsApplications) {
      throw agencyNotFound(id);
    }
    return this.pages.render(
      req,
      res,
      'agency-guide',
      { agency },
      { title: `${agency.name}政府信息公开指南`, active: '/agencies' },
    );
  }
}
