import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { Access, AuditLogEntity, AuditService } from '@gongkai/core/platform';

export class AuditQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  objectId?: string;

  @IsOptional()
  @IsISO8601()
  from?: string;

  @IsOptional()
  @IsISO8601()
  to?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

/** The audit log: auditors read it; nobody changes it. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/console/audit')
export class AuditController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Access('audit.read')
  @ApiOperation({ summary: 'Audit records, newest first, filtered by actor, action, object or time' })
  async list(@Query() q: AuditQueryDto) {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (q.actor) {
      qb.andWhere('a.actor = :actor', { actor: q.actor });
    }
    if (q.action) {
      qb.andWhere('a.action LIKE :action', { action: `${q.action.replace(/[%_\\]/g, '\\$&')}%` });
    }
    if (q.objectId) {
      qb.andWhere('a.object_id = :objectId', { objectId: q.objectId });
    }
    if (q.from) {
      qb.andWhere('a.at >= :from', { from: new Date(q.from) });
    }
    if (q.to) {
      qb.andWhere('a.at < :to', { to: new Date(q.to) });
    }
    const [rows, total] = await qb
      .orderBy('a.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { page, pageSize, total, rows };
  }

  @Get('verify')
  @Access('audit.read')
  @ApiOperation({ summary: 'Re-compute the hash chain: an edited or removed record breaks it' })
  verify() {
    return this.audit.verify();
  }
}
