import { HasText } from '@gongkai/core/platform';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { STAFF_ROLES } from '@gongkai/domain';
import type { StaffRole } from '@gongkai/domain';

export class CreateUserDto {
  @ApiProperty({ example: 'wang.fang' })
  @Matches(/^[a-z][a-z0-9._-]{2,31}$/i, { message: '登录名为 3–32 位字母、数字或 . _ -，以字母开头' })
  login!: string;

  @ApiProperty({ example: '王芳' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  displayName!: string;

  @ApiProperty({ description: '临时密码，首次登录须修改' })
  @IsString()
  @MaxLength(256)
  temporaryPassword!: string;
}

export class PasswordResetDto {
  @ApiProperty({ description: '新的临时密码，下次登录须修改' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  temporaryPassword!: string;
}

export class ReasonDto {
  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  @HasText()
  reason!: string;
}

export class RoleGrantDto {
  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role!: StaffRole;

  @ApiProperty()
  @IsUUID()
  agencyId!: string;
}
