import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsLegalDate } from '@gongkai/core/platform';

export class SpecialDayDto {
  @ApiProperty({ example: '2027-02-06' })
  @IsLegalDate()
  date!: string;

  @ApiProperty({ enum: ['holiday', 'makeup_workday'] })
  @IsIn(['holiday', 'makeup_workday'], { message: '必须是 holiday 或 makeup_workday' })
  kind!: 'holiday' | 'makeup_workday';

  @ApiProperty({ example: '春节' })
  @IsString()
  @Length(1, 40, { message: '名称须为 1–40 个字' })
  name!: string;
}

export class PublishYearDto {
  @ApiProperty({ description: 'The notice that sets the schedule', example: '国办发明电〔2026〕X号' })
  @IsString()
  @Length(2, 200, { message: '请填写通知文号或名称' })
  noticeRef!: string;

  @ApiProperty({ type: [SpecialDayDto], description: 'Every holiday and make-up working day of the notice' })
  @IsArray({ message: '必须是列表' })
  @ArrayMaxSize(120)
  @ValidateNested({ each: true })
  @Type(() => SpecialDayDto)
  days!: SpecialDayDto[];
}

export class CreateRegionDto {
  @ApiProperty({ example: 'hubei' })
  @Matches(/^[a-z0-9_-]{2,40}$/, { message: '地区代码只能包含小写字母、数字、- 和 _' })
  code!: string;

  @ApiProperty({ example: '湖北省' })
  @IsString()
  @Length(1, 60)
  name!: string;
}
