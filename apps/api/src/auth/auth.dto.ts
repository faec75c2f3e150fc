import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'office' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'Demo@2023' })
  @IsString() @IsNotEmpty() @MaxLength(72)
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(200)
  refreshToken!: string;
}

export class LogoutDto {
  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  refreshToken?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(72)
  currentPassword!: string;

  @ApiProperty({ description: '至少 8 位，含字母和数字' })
  @IsString() @IsNotEmpty() @MaxLength(72)
  newPassword!: string;
}

export class ActorDto {
  @ApiProperty() userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: [String], enum: ['admin', 'office', 'leader', 'liaison'] }) roles!: string[];
  @ApiProperty() unitId!: string;
  @ApiProperty() unitPath!: string;
  @ApiProperty({ nullable: true, type: String }) cityId!: string | null;
}

export class SessionDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty() refreshToken!: string;
  @ApiProperty({ description: '访问令牌有效期（秒）' }) expiresIn!: number;
  @ApiProperty({ type: ActorDto }) user!: ActorDto;
}
