import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Access, AuditService, StaffCaller } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';

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
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access('audit.read')
  @ApiOperation({ summary: 'Audit records, newest first, filtered by actor, action, object or time' })
  async list(@StaffCaller() c: Caller<StaffPrincipal>, @Query() q: AuditQueryDto) {
    // The auditor's own searches are audited too.
    await this.audit.record(null, {
      actor: c.principal.login,
      ip: c.ip,
      action: 'audit.searched',
      objectType: 'audit_log',
      objectId: '',
      result: 'success',
      details: { ...q },
    });
    return this.audit.search(q);
  }

  @Get('verify')
  @Access('audit.read')
  @ApiOperation({ summary: 'Re-compute the hash chain: an edited or removed record breaks it' })
  verify() {
    return this.audit.verify();
  }
}
