import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export class CityAdminDto {
  @ApiProperty({ example: 'jj-admin' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{2,64}$/)
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: '系统管理员（九江市）' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName!: string;

  @ApiPropertyOptional({ example: 'admin@jiujiang.example.gov.cn' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ description: '初始密码（须符合密码规则）；不填则生成一次性密码，仅在本次响应中返回' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password?: string;
}

export class CreateCityDto {
  @ApiProperty({ example: 'JJ', description: '城市编码（字母、数字、-、_），各城市之间不得重复' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  @MaxLength(64)
  code!: string;

  @ApiProperty({ example: '九江市' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '九江市' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  shortName?: string;

  @ApiProperty({ type: CityAdminDto, description: '该市的第一个系统管理员' })
  @ValidateNested()
  @Type(() => CityAdminDto)
  admin!: CityAdminDto;
}

export class CityStateChangeDto {
  @ApiPropertyOptional({ example: '合同到期', description: '原因，记入审计日志' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}
