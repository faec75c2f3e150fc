import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { recordAudit } from '@app/audit';
import { type Actor, DomainError, type Page, type PageQuery, pageOf, skipTake } from '@app/common';
import { Clock } from '@app/config';
import { CHANNEL_OPTIONS, type ChannelOptions } from './channel-options.js';
import { openSecret, redactSecret, redactUrl, sealSecret } from './channel-secrets.js';
import {
  type ChannelPostRow,
  type ChannelRow,
  ChannelsRepository,
  type ChannelWrite,
  type StoredChannel,
} from './channels.repository.js';
import { checkWebhookUrl, type ChannelKind } from './webhook-url.js';

export interface ChannelInput {
  kind: ChannelKind;
  name: string;
  /** Required when creating; left out on an update, the stored one is kept. */
  webhookUrl?: string;
  /** 钉钉 加签 secret (SEC…); left out on an update, the stored one is kept; '' removes it. */
  secret?: string;
  scope: 'plan' | 'unit';
  planId?: string | null;
  unitId?: string | null;
  enabled: boolean;
  mentionByPhone: boolean;
}

/** A channel as the office sees it: the URL and secret only as hints. */
export interface ChannelView extends Omit<ChannelRow, 'cityId'> {
  secretHint: string;
}

export interface ChannelPostResend {
  id: string;
  status: 'pending';
}

/** The office's channels (settings, posts log, resend). URLs and secrets go in sealed and come out redacted. */
@Injectable()
export class ChannelsService implements OnModuleInit {
  private readonly logger = new Logger(ChannelsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ChannelsRepository,
    private readonly clock: Clock,
    @Inject(CHANNEL_OPTIONS) private readonly options: ChannelOptions,
  ) {}

  onModuleInit(): void {
    if (this.options.keyIsDevelopmentDefault)
      this.logger.warn(
        'CHANNEL_SECRET_KEY is not set: webhook URLs and secrets are sealed with the fixed development key',
      );
    if (this.options.redirect)
      // The host only: a launcher's first printed URL is the platform's own, not the listener's.
      this.logger.warn(
        `CHANNEL_WEBHOOK_REDIRECT: every webhook goes to the local listener ${new URL(this.options.redirect).host}`,
      );
  }

  async list(actor: Actor): Promise<ChannelView[]> {
    const rows = await this.repo.list(actor.cityId);
    return rows.map((r) => this.view(r));
  }

  async create(actor: Actor, input: ChannelInput): Promise<ChannelView> {
    return this.dataSource.transaction(async (m) => {
      if (!input.webhookUrl) throw invalid('webhookUrl', '请填写 Webhook 地址');
      const write = await this.toWrite(m, actor, input, null);
      const id = await this.repo.insert(m, actor.cityId, write);
      await this.audit(m, actor, id, 'create', {}, this.auditable(write));
      return this.viewOf(m, id);
    });
  }

  async update(actor: Actor, id: string, input: ChannelInput): Promise<ChannelView> {
    return this.dataSource.transaction(async (m) => {
      const current = await this.repo.find(m, id);
      if (!current || current.cityId !== actor.cityId) throw DomainError.notFound('群通知渠道');
      const write = await this.toWrite(m, actor, input, current);
      await this.repo.update(m, id, write, this.clock.now());
      await this.audit(m, actor, id, 'update', { name: current.name, enabled: current.enabled }, this.auditable(write));
      return this.viewOf(m, id);
    });
  }

  async posts(actor: Actor, status: string | undefined, page: PageQuery): Promise<Page<ChannelPostRow>> {
    const { skip, take } = skipTake(page);
    const { items, total } = await this.repo.listPosts(actor.cityId, status, skip, take);
    return pageOf(items, total, page);
  }

  /**
   * Puts a failed or unknown post back to be sent. An unknown one may already be in the group:
   * the office decides after looking; the resend is audited.
   */
  async resend(actor: Actor, id: string): Promise<ChannelPostResend> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.repo.lockForOffice(m, id);
      if (!row || row.cityId !== actor.cityId) throw DomainError.notFound('群消息');
      if (row.status !== 'failed' && row.status !== 'unknown')
        throw DomainError.conflict(row.status === 'sent' ? '该消息已发送成功，无需重发' : '该消息正在发送中，无需重发');
      await this.repo.markForResend(m, id);
      await recordAudit(m, {
        at: this.clock.now(),
        actorUserId: actor.userId,
        actorName: actor.displayName,
        cityId: actor.cityId,
        entity: 'channel_posts',
        entityId: id,
        action: 'resend',
        before: { status: row.status, lastError: row.lastError },
        after: { status: 'pending' },
        reason: '办公室手动重发群消息',
      });
      return { id, status: 'pending' as const };
    });
  }

  private async toWrite(
    m: EntityManager,
    actor: Actor,
    input: ChannelInput,
    current: { webhookSealed: string; secretSealed: string | null; kind: ChannelKind } | null,
  ): Promise<ChannelWrite> {
    let webhookSealed = current?.webhookSealed ?? '';
    let webhookHint = '';
    if (input.webhookUrl !== undefined && input.webhookUrl !== '') {
      const check = checkWebhookUrl(input.kind, input.webhookUrl);
      if (!check.ok) throw invalid('webhookUrl', check.reason);
      webhookSealed = sealSecret(this.options.key, check.url);
      webhookHint = redactUrl(check.url);
    } else if (current) {
      const stored = openSecret(this.options.key, current.webhookSealed);
      if (current.kind !== input.kind) throw invalid('webhookUrl', '更换机器人类型时请重新填写 Webhook 地址');
      webhookHint = redactUrl(stored);
    }
    let secretSealed = current?.secretSealed ?? null;
    if (input.secret !== undefined)
      secretSealed = input.secret.trim() === '' ? null : sealSecret(this.options.key, input.secret.trim());
    if (input.kind === 'wecom') secretSealed = null;
    if (input.kind === 'dingtalk' && !secretSealed) throw invalid('secret', '钉钉机器人请填写“加签”密钥（SEC 开头）');
    if (input.kind === 'dingtalk' && input.secret && !/^SEC[0-9a-f]{20,200}$/i.test(input.secret.trim()))
      throw invalid('secret', '钉钉加签密钥应以 SEC 开头，请从机器人安全设置中复制');
    const planId = input.scope === 'plan' ? (input.planId ?? null) : null;
    const unitId = input.scope === 'unit' ? (input.unitId ?? null) : null;
    if (input.scope === 'plan' && (!planId || !(await this.repo.planInCity(m, planId, actor.cityId))))
      throw invalid('planId', '请选择本市的工作方案');
    if (input.scope === 'unit' && (!unitId || !(await this.repo.unitInCity(m, unitId, actor.cityId))))
      throw invalid('unitId', '请选择本市的单位');
    const name = input.name.trim();
    if (name === '') throw invalid('name', '请填写渠道名称');
    return {
      kind: input.kind,
      name,
      webhookSealed,
      secretSealed,
      webhookHint,
      scope: input.scope,
      planId,
      unitId,
      enabled: input.enabled,
      mentionByPhone: input.mentionByPhone,
    };
  }

  private auditable(w: ChannelWrite): object {
    return {
      kind: w.kind,
      name: w.name,
      webhook: w.webhookHint,
      scope: w.scope,
      planId: w.planId,
      unitId: w.unitId,
      enabled: w.enabled,
    };
  }

  private async viewOf(m: EntityManager, id: string): Promise<ChannelView> {
    const row = await this.repo.find(m, id);
    if (!row) throw DomainError.notFound('群通知渠道');
    return this.view(row);
  }

  private view(row: StoredChannel): ChannelView {
    const { cityId: _c, webhookSealed: _w, secretSealed, ...rest } = row;
    return { ...rest, secretHint: secretSealed ? redactSecret(openSecret(this.options.key, secretSealed)) : '' };
  }

  private async audit(
    m: EntityManager,
    actor: Actor,
    id: string,
    action: string,
    before: object,
    after: object,
  ): Promise<void> {
    await recordAudit(m, {
      at: this.clock.now(),
      actorUserId: actor.userId,
      actorName: actor.displayName,
      cityId: actor.cityId,
      entity: 'notification_channels',
      entityId: id,
      action,
      before,
      after,
      reason: '',
    });
  }
}

function invalid(field: string, reason: string): DomainError {
  return DomainError.validation(reason, [{ field, reason }]);
}
