import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '@app/common';
import { ChannelPostStatus, ChannelKind, ChannelScope } from '@app/notifications';

export class ChannelDto {
  @ApiProperty({ enum: Object.values(ChannelKind), description: 'wecom 企业微信群机器人 / dingtalk 钉钉自定义机器人' })
  @IsIn(Object.values(ChannelKind))
  kind!: ChannelKind;

  @ApiProperty({ example: '赣州市科创专班群', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({
    description:
      'Webhook 地址（企业微信 qyapi.weixin.qq.com 或钉钉 oapi.dingtalk.com 的 https 地址）；修改时不填则保留原地址',
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  webhookUrl?: string;

  @ApiPropertyOptional({ description: '钉钉“加签”密钥（SEC 开头）；修改时不填则保留', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  secret?: string;

  @ApiProperty({ enum: Object.values(ChannelScope), description: 'plan 按工作方案 / unit 按单位' })
  @IsIn(Object.values(ChannelScope))
  scope!: ChannelScope;

  @ApiPropertyOptional({ description: 'scope 为 plan 时的工作方案' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ description: 'scope 为 unit 时的单位' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ description: '启用' })
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({ description: '按手机号 @ 联络员' })
  @IsBoolean()
  mentionByPhone!: boolean;
}

export class ChannelPostQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: Object.values(ChannelPostStatus),
    description: 'pending 待发送 / sending 发送中 / sent 已发送 / failed 发送失败 / unknown 结果未知',
  })
  @IsOptional()
  @IsIn(Object.values(ChannelPostStatus))
  status?: ChannelPostStatus;
}
