/** Codes map one-to-one onto HTTP statuses in the API's exception filter. */
export const ErrorCode = {
  Validation: 'VALIDATION',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Forbidden: 'FORBIDDEN',
  Unauthorized: 'UNAUTHORIZED',
  Locked: 'LOCKED',
  TooLarge: 'TOO_LARGE',
  Gone: 'GONE',
  /** A service the request needs (the object store) does not answer; nothing was changed. */
  Unavailable: 'UNAVAILABLE',
  /** The part of a file a download asked for lies beyond its end. */
  RangeNotSatisfiable: 'RANGE_NOT_SATISFIABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorDetail {
  field: string;
  reason: string;
}

/** A rule of the domain was broken; the message is Chinese because users read it. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError(ErrorCode.NotFound, `${what}不存在`);
  }
  static conflict(message: string, details: ErrorDetail[] = []): DomainError {
    return new DomainError(ErrorCode.Conflict, message, details);
  }
  static validation(message: string, details: ErrorDetail[] = []): DomainError {
    return new DomainError(ErrorCode.Validation, message, details);
  }
  static forbidden(message = '无权访问该资源'): DomainError {
    return new DomainError(ErrorCode.Forbidden, message);
  }
  /** The thing existed but can no longer be used (a spent or expired one-use link). */
  static gone(message: string): DomainError {
    return new DomainError(ErrorCode.Gone, message);
  }
}
