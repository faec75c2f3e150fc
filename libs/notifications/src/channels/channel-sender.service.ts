import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/config';
import { webhookBody } from './channel-messages.js';
import { CHANNEL_OPTIONS, type ChannelOptions } from './channel-options.js';
import { openSecret, redactUrl } from './channel-secrets.js';
import { ChannelLimiter } from './channel-limiter.js';
import { ChannelsRepository, type ClaimedPost } from './channels.repository.js';
import { signedDingtalkUrl } from './dingtalk-sign.js';
import { classifyReply, type ReplyOutcome } from './webhook-reply.js';
import { deliveryUrl } from './webhook-url.js';

export type PostOutcome = 'sent' | 'failed' | 'unknown' | 'skipped';

/** The robot's limiter has no slot now: try this post again after `retryInMs`. */
export class ChannelRateLimited extends Error {
  constructor(readonly retryInMs: number) {
    super(`channel rate limit: next slot in ${retryInMs} ms`);
    this.name = 'ChannelRateLimited';
  }
}

/** Not delivered and worth another try later (the service's own rate limit, no connection). */
export class ChannelRetryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelRetryLater';
  }
}

const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Sends one post: a slot from the shared limiter, the claim in PostgreSQL (committed before the
 * request leaves), the request, the answer. A post found still "sending" belonged to a worker that
 * died mid-request: webhooks have no deduplication, so it becomes "unknown" for the office to
 * resend by hand, never retried blindly.
 */
@Injectable()
export class ChannelSenderService {
  private readonly logger = new Logger(ChannelSenderService.name);

  constructor(
    private readonly repo: ChannelsRepository,
    private readonly limiter: ChannelLimiter,
    private readonly clock: Clock,
    @Inject(CHANNEL_OPTIONS) private readonly options: ChannelOptions,
  ) {}

  async send(postId: string, attempt: { final: boolean }): Promise<PostOutcome> {
    const current = await this.repo.statusOf(postId);
    if (!current) return 'skipped';
    if (current.status === 'sending') {
      await this.repo.markUnknown(postId, '发送过程中后台服务中断，无法确认群里是否已收到；请核对后手动重发');
      this.logger.warn(`channel post ${postId} was in flight when its worker stopped: marked unknown`);
      return 'unknown';
    }
    if (current.status !== 'pending') return 'skipped';
    const slot = await this.limiter.take(current.channelId);
    if (!slot.ok) throw new ChannelRateLimited(slot.retryInMs);
    const post = await this.repo.claim(postId, this.clock.now());
    if (!post) return 'skipped';
    if (!post.enabled) return this.record(post, { kind: 'failed', reason: '该群机器人已停用，未发送' }, true);
    const outcome = await this.deliver(post);
    return this.record(post, outcome, attempt.final);
  }

  private async deliver(post: ClaimedPost): Promise<ReplyOutcome | { kind: 'unknown'; reason: string }> {
    let webhook: string;
    let secret: string | null;
    try {
      webhook = openSecret(this.options.key, post.webhookSealed);
      secret = post.secretSealed ? openSecret(this.options.key, post.secretSealed) : null;
    } catch {
      return {
        kind: 'failed',
        reason: '无法解密 Webhook 地址或密钥（CHANNEL_SECRET_KEY 是否更换过？），请重新填写该渠道',
      };
    }
    // Signed with the real time, not the platform clock: the service checks it against its own.
    const target = post.kind === 'dingtalk' && secret ? signedDingtalkUrl(webhook, secret, Date.now()) : webhook;
    try {
      const response = await fetch(deliveryUrl(target, this.options.redirect), {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(webhookBody(post.kind, post.message)),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
      const text = await response.text();
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
      return classifyReply(post.kind, response.status, body);
    } catch (error) {
      const code = errorCode(error);
      if (code && NOT_CONNECTED.has(code))
        return { kind: 'retry', reason: `无法连接 ${redactUrl(webhook)}（${code}）` };
      // The request may have reached the service: only the office can tell whether the group got it.
      return {
        kind: 'unknown',
        reason: `未收到应答（${code ?? (error instanceof Error ? error.name : 'error')}），无法确认是否已发出`,
      };
    }
  }

  private async record(
    post: ClaimedPost,
    outcome: ReplyOutcome | { kind: 'unknown'; reason: string },
    final: boolean,
  ): Promise<PostOutcome> {
    const now = this.clock.now();
    switch (outcome.kind) {
      case 'sent':
        await this.repo.settle(post.id, 'sent', null, now);
        return 'sent';
      case 'failed':
        await this.repo.settle(post.id, 'failed', outcome.reason, now);
        this.logger.warn(`channel post ${post.id} failed: ${outcome.reason}`);
        return 'failed';
      case 'unknown':
        await this.repo.settle(post.id, 'unknown', outcome.reason, now);
        this.logger.warn(`channel post ${post.id}: ${outcome.reason}`);
        return 'unknown';
      case 'retry':
        if (final) {
          await this.repo.settle(post.id, 'failed', `多次重试仍未成功：${outcome.reason}`, now);
          return 'failed';
        }
        await this.repo.settle(post.id, 'pending', outcome.reason, now);
        throw new ChannelRetryLater(outcome.reason);
    }
  }
}

function errorCode(error: unknown): string | null {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  if (cause && 'code' in cause && typeof cause.code === 'string') return cause.code;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}
