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
