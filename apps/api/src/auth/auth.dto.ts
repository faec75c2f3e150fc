import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'office' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  // Twice the policy's 128 characters: room for characters outside the BMP, which count two here.
  @ApiProperty({ example: 'Demo@2023' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken!: string;
}

export class LogoutDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  currentPassword!: string;

  // The policy (libs/identity/src/password.ts) gives the reason for a refused password.
  @ApiProperty({ description: '8–128 位；不能是常见密码，不能包含用户名，不能与当前密码相同' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  newPassword!: string;
}
