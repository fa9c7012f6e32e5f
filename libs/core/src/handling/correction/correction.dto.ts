import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { VersionDto, HasText } from '../../platform';

/** The applicant's correction (补正), given in the portal or received by a clerk. */
export class CorrectedItemDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  position!: number;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  description!: string;
}

export class CorrectionDto extends VersionDto {
  @ApiProperty({ description: '补正说明' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @HasText()
  text!: string;

  @ApiPropertyOptional({ type: [CorrectedItemDto], description: '补正后的申请内容（按项）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CorrectedItemDto)
  items?: CorrectedItemDto[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}
