import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

/** Every move may carry the version the client saw: a stale one answers 409. */
export class VersionDto {
  @ApiPropertyOptional({ description: '客户端看到的版本号；已被他人修改时返回 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
