import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { DomainError, type ErrorDetail, hasControlCharacter, unsafeTextDetails } from '@app/common';

interface UploadedFileFields {
  fieldname: string;
  originalname: string;
}

function isUploadedFile(value: unknown): value is UploadedFileFields {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as UploadedFileFields).originalname === 'string' &&
    typeof (value as UploadedFileFields).fieldname === 'string'
  );
}

/** multer's file: its name comes from the client like any other text, and goes into the database. */
function fileDetails(value: unknown): ErrorDetail[] {
  const files = Array.isArray(value) ? value : [value];
  return files
    .filter(isUploadedFile)
    .filter((file) => hasControlCharacter(file.originalname) || hasControlCharacter(file.fieldname))
    .map((file) => ({
      field: hasControlCharacter(file.fieldname) ? 'file' : file.fieldname,
      reason: '文件名含有不允许的控制字符',
    }));
}

/**
 * Runs before the DTO validation on every handler argument: body (JSON or multipart fields), query,
 * route params and uploaded files. Control characters are refused here, as a 400 naming the field,
 * instead of reaching PostgreSQL (NUL is SQLSTATE 22021, a 500). Other custom arguments (the signed-in
 * actor) come from the server and are left alone.
 */
export class InputHygienePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const details = metadata.type === 'custom' ? fileDetails(value) : unsafeTextDetails(value, metadata.data ?? '');
    if (details.length > 0) throw DomainError.validation('提交的内容含有不允许的字符', details);
    return value;
  }
}
