import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@app/common';
import { contactRoles, type ContactRole, unitKinds, type UnitKind } from '@app/organisation';

export class CreateUnitDto {
  @ApiProperty({ example: 'GZ-KJJ', description: '单位编码（字母、数字、-、_）' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  @MaxLength(64)
  code!: string;

  @ApiProperty({ example: '赣州市科学技术局' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '市科技局' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  shortName?: string;

  @ApiProperty({ enum: unitKinds, description: 'city（城市根单位）只能由平台管理员开通' })
  @IsIn(unitKinds)
  kind!: UnitKind;

  @ApiPropertyOptional({ description: '上级单位 ID（新建时必填；城市根单位的上级不能修改）' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ type: [String], description: '文件中的其他称呼，如“章贡区人民政府”' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  sortOrder?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateUnitDto extends PartialType(CreateUnitDto) {}

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class UnitQuery extends PageQuery {
  @ApiPropertyOptional({ enum: unitKinds })
  @IsOptional()
  @IsIn(unitKinds)
  kind?: UnitKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ description: '按名称、简称、编码或别名查找' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  includeInactive?: boolean;
}

export class CreateContactDto {
  @ApiProperty({ description: '所服务的单位' })
  @IsUUID()
  unitId!: string;

  @ApiPropertyOptional({ description: '本人所在单位（与所服务单位不同时填写）', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  workplaceUnitId?: string | null;

  @ApiPropertyOptional({ example: '赋能办' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  section?: string;

  @ApiProperty({ example: '联络员（市科技局）' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiPropertyOptional({ example: '0797-0000000' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9+\-() ]{0,30}$/)
  @MaxLength(30)
  phone?: string;

  @ApiPropertyOptional({ example: 'liaison@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiProperty({ enum: contactRoles, description: 'liaison 联络员 / leader 分管领导' })
  @IsIn(contactRoles)
  role!: ContactRole;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateContactDto extends PartialType(CreateContactDto) {}

export class ContactQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: contactRoles })
  @IsOptional()
  @IsIn(contactRoles)
  role?: ContactRole;
}

export class YearParam {
  @ApiProperty({ example: 2023 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class TierItemDto {
  @ApiProperty() @IsUUID() unitId!: string;
  @ApiProperty({ enum: [1, 2, 3], description: '1 一类 / 2 二类 / 3 三类' }) @IsInt() @Min(1) @Max(3) tier!: number;
}

export class ReplaceTiersDto {
  @ApiProperty({ type: [TierItemDto] })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => TierItemDto)
  items!: TierItemDto[];
}

export class CreateUnitGroupDto {
  @ApiProperty({ example: '各县区', description: '文件中用来指代这组单位的名称' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ type: [String], description: '成员单位 ID（本市单位）' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  unitIds!: string[];
}

export class UpdateUnitGroupDto extends PartialType(CreateUnitGroupDto) {}
