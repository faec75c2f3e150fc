import { ValidationPipe } from '@nestjs/common';
import { toErrorDetails } from '@app/common';
import { HttpException } from '@nestjs/common';

/** Strict DTO validation: unknown fields are errors, types are converted, reasons are Chinese. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = toErrorDetails(errors);
      return new HttpException({ statusCode: 400, error: 'Bad Request', message: '提交的数据有误', details }, 400);
    },
  });
}
