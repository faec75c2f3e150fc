import { describe, expect, it } from '@jest/globals';
import { validateEnv } from '@app/config';
import { DEFAULT_SPREADSHEET_LIMITS } from './limits.js';
import { uploadLimits } from './upload.js';

describe('uploadLimits', () => {
  it('gives the reader its own defaults when the environment sets nothing', () => {
    expect(uploadLimits(validateEnv({}))).toEqual(DEFAULT_SPREADSHEET_LIMITS);
  });

  it('takes each SPREADSHEET_* setting, megabytes as bytes', () => {
    const limits = uploadLimits(
      validateEnv({
        SPREADSHEET_MAX_COLUMNS: '60',
        SPREADSHEET_MAX_ENTRY_INFLATED_MB: '8',
        SPREADSHEET_MAX_COMPRESSION_RATIO: '50',
      }),
    );
    expect(limits).toMatchObject({
      maxColumns: 60,
      maxEntryInflatedBytes: 8 * 1024 * 1024,
      maxCompressionRatio: 50,
      maxRows: 100_000,
    });
  });

  it('refuses a setting that is not a positive whole number', () => {
    expect(() => validateEnv({ SPREADSHEET_MAX_COLUMNS: '0' })).toThrow('SPREADSHEET_MAX_COLUMNS');
    expect(() => validateEnv({ SPREADSHEET_MAX_ROWS: 'many' })).toThrow('SPREADSHEET_MAX_ROWS');
  });
});
