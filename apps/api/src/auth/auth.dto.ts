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

export class ActorDto {
  @ApiProperty({ enum: ['city', 'platform'], description: 'city 城市用户 / platform 平台管理员（不属于任何单位）' })
  scope!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: [String], enum: ['admin', 'office', 'leader', 'liaison', 'platform'] }) roles!: string[];
  @ApiPropertyOptional({ description: '城市用户才有' }) unitId?: string;
  @ApiPropertyOptional({ description: '城市用户才有' }) unitPath?: string;
  @ApiPropertyOptional({ description: '城市用户才有' }) cityId?: string;
}

export class SessionDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty() refreshToken!: string;
  @ApiProperty({ description: '访问令牌有效期（秒）' }) expiresIn!: number;
  @ApiProperty({ type: ActorDto }) user!: ActorDto;
}
