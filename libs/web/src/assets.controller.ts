import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname, join, relative } from 'node:path';
import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '@gongkai/core/platform';
import { WEB_OPTIONS } from './web-options';
import type { WebAppOptions } from './web-options';

/** The shared static files of libs/web, beside this folder in source and build. */
export const WEB_ASSETS_DIR = join(__dirname, '..', 'assets');

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/** Every asset is served by the app itself (no CDN): read once at start-up, answered from memory. */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  private readonly files = new Map<string, Asset>();

  constructor(@Inject(WEB_OPTIONS) options: WebAppOptions) {
    for (const dir of [WEB_ASSETS_DIR, options.assetsDir]) {
      if (dir && existsSync(dir)) {
        this.load(dir, dir);
      }
    }
  }

  @Get('*path')
  @Access('public')
  serve(@Param('path') path: string | string[], @Req() req: Request, @Res() res: Response): void {
    const name = Array.isArray(path) ? path.join('/') : path;
    const asset = this.files.get(name);
    if (!asset) {
      throw new NotFoundException();
    }
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('ETag', asset.etag);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.headers['if-none-match'] === asset.etag) {
      res.status(304).end();
      return;
    }
    res.type(asset.type).send(asset.body);
  }

  private load(root: string, dir: string): void {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) {
        this.load(root, full);
        continue;
      }
      const type = TYPES[extname(entry)];
      if (type) {
        const body = readFileSync(full);
        const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
        this.files.set(relative(root, full).split('\\').join('/'), { body, type, etag });
      }
    }
  }
}
