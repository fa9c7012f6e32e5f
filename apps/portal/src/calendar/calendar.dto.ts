import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsLegalDate } from '@gongkai/core/platform';

export class RegionQueryDto {
  @ApiPropertyOptional({ description: 'Calendar region (default: national)', example: 'national' })
  @IsOptional()
  @Matches(/^[a-z0-9_-]{1,40}$/, { message: '地区代码格式有误' })
  region?: string;
}

export class DeadlineQueryDto extends RegionQueryDto {
  @ApiProperty({
    description: 'The day counting starts after (receipt date), YYYY-MM-DD',
    example: '2026-02-13',
  })
  @IsLegalDate()
  from!: string;

  @ApiProperty({ description: 'Working days to add (the start day is not counted)', example: 20 })
  @Type(() => Number)
  @IsInt({ message: '必须是整数' })
  @Min(0, { message: '不能为负数' })
  @Max(366, { message: '不能超过 366' })
  workingDays!: number;
}
