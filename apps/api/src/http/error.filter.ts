import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, type ErrorDetail, ErrorCode } from '@app/common';
import { isDatabaseUnavailable } from './database-unavailable.js';

const statusOf: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: HttpStatus.BAD_REQUEST,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.Unauthorized]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Locked]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.TooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.Gone]: HttpStatus.GONE,
  [ErrorCode.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.RangeNotSatisfiable]: HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
};

const errorNames: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const defaultMessages: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '无权访问该资源',
  404: '资源不存在',
  409: '与现有数据冲突',
  410: '资源已失效',
  413: '请求内容过大',
  415: '不支持的内容类型',
  416: '请求的文件范围无效',
  429: '请求过于频繁',
  500: '服务器内部错误',
  503: '系统繁忙，请稍后重试',
};

/**
 * PostgreSQL's answers that mean "not now" rather than "wrong": a lock not granted in time, a
 * deadlock, a serialization failure, a cancelled statement. The request changed nothing and may
 * simply be sent again.
 */
const TRANSIENT_SQL_STATES = new Set(['55P03', '40P01', '40001', '57014']);
const RETRY_AFTER_SECONDS = 5;

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: ErrorDetail[];
}

function body(statusCode: number, message?: string, details: ErrorDetail[] = []): ErrorBody {
  return {
    statusCode,
    error: errorNames[statusCode] ?? 'Error',
    message: message || defaultMessages[statusCode] || '请求失败',
    details,
  };
}

/** Maps every error onto `{statusCode, error, message, details}`; nothing leaks a stack trace. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const result = this.toBody(exception);
    if (result.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (result.statusCode === 503) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(result.statusCode).json(result);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) return body(statusOf[exception.code], exception.message, exception.details);
    // A DomainError thrown inside Express middleware (the JSON body parser's nesting check) arrives
    // wrapped by the Express adapter in an HttpException with the parser's status.
    if (exception instanceof HttpException && exception.cause instanceof DomainError) {
      return body(statusOf[exception.cause.code], exception.cause.message, exception.cause.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      if (typeof raw === 'object' && raw !== null && 'details' in raw) return raw as ErrorBody;
      if (status === 400 && /JSON/i.test(exception.message)) return body(400, '请求体不是有效的 JSON');
      const chinese = status === 404 ? '接口不存在' : defaultMessages[status];
      return body(status, chinese);
    }
    // body-parser: malformed JSON or an oversized body arrive as plain errors with a status.
    const parserError = exception as { type?: string; status?: number };
    if (parserError?.type === 'entity.parse.failed') return body(400, '请求体不是有效的 JSON');
    if (parserError?.type === 'entity.too.large') return body(413, '请求内容过大');
    if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      return body(parserError.status);
    }
    // PostgreSQL restarting or out of reach: the client sees the failure and may retry; the pool reconnects by itself.
    if (isDatabaseUnavailable(exception)) return body(503, '数据库暂时不可用，请稍后重试');
    if (exception instanceof QueryFailedError) {
      const code = (exception as QueryFailedError & { driverError?: { code?: string } }).driverError?.code;
      if (code && TRANSIENT_SQL_STATES.has(code)) return body(503);
      if (code === '23505') return body(409, '数据已存在（唯一性冲突）');
      if (code === '23503') return body(409, '存在关联数据，操作被拒绝');
      if (code === '22P02' || code === '22003' || code === '22001') return body(400, '数据格式不正确');
      // NUL in text (22021) or in JSON (22P05): the input pipe refuses these first; this is the backstop
      // for text that reaches a query by another way (a parsed file).
      if (code === '22021' || code === '22P05') return body(400, '提交的内容含有不允许的字符');
    }
    return body(500);
  }
}
