import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { JointConsultationService } from '@gongkai/core/handling';
import { Access, StaffCaller } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';

export class OpenJointQueryDto {
  @ApiPropertyOptional({ description: '机关（含所属部门）；不填为本人督办的全部范围' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

/** 督办 of 会商: those still open, overdue first. */
@ApiTags('handling')
@ApiBearerAuth()
@Controller('api/console/joint-consultations')
export class JointConsultationsController {
  constructor(private readonly joint: JointConsultationService) {}

  @Get()
  @Access('request.approve')
  @ApiOperation({
    summary:
      '会商 still open on requests the caller supervises, overdue ones (past their conclusion date) first',
  })
  open(@StaffCaller() c: Caller<StaffPrincipal>, @Query() q: OpenJointQueryDto) {
    return this.joint.open(c, q.agencyId);
  }
}
