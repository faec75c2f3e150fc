import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@app/common';

/** Path ids are UUIDs; anything else is a 400 naming the parameter, not a database error. */
export const IdPipe = new ParseUUIDPipe({
  version: undefined,
  exceptionFactory: () => DomainError.validation('ID 格式不正确', [{ field: 'id', reason: '必须是有效的 ID' }]),
});
