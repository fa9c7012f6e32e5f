import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { VersionDto, HasText } from '../../platform';

export class WithdrawDto extends VersionDto {
  @ApiPropertyOptional({ description: '撤回原因（可不填）' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @HasText()
  reason?: string;
}
