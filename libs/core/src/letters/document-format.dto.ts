import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class DocumentFormatDto {
  @ApiPropertyOptional({ enum: ['html', 'docx'], default: 'html' })
  @IsOptional()
  @IsIn(['html', 'docx'])
  format?: 'html' | 'docx';
}
