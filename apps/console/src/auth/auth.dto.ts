import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class StaffLoginDto {
  @ApiProperty({ example: 'registrar' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  login!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  currentPassword!: string;

  @ApiProperty({ description: '至少 8 位，含大写字母、小写字母、数字、符号中的至少三类' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  newPassword!: string;
}

export class SecondFactorDto {
  @ApiProperty({ description: '登录时返回的 challenge' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  challenge!: string;

  @ApiProperty({ description: '验证器中的 6 位动态口令，或一个恢复码（XXXXX-XXXXX）', example: '123456' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  code!: string;
}

export class EnrolmentCodeDto {
  @ApiProperty({ description: '扫描二维码后验证器显示的 6 位动态口令', example: '123456' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  code!: string;
}
