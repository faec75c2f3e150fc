import { describe, expect, it } from '@jest/globals';
import { hasControlCharacter, jsonNestingExceeds, unsafeTextDetails } from './input-hygiene.js';

describe('hasControlCharacter', () => {
  it.each([
    ['a\u0000b', true],
    ['\u0001', true],
    ['\u0008', true],
    ['\u000B', true],
    ['\u000C', true],
    ['\u000E', true],
    ['\u001F', true],
    ['\u007F', true],
    ['line one\nline two\r\n\tindented', false],
    ['赣州市科技局 2023', false],
    // Latin-1 readings of UTF-8 file names are full of C1 code points: those stay allowed.
    ['\u00e6\u0096\u0087\u00e4\u00bb\u00b6.xlsx', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(hasControlCharacter(text)).toBe(expected);
  });
});

describe('unsafeTextDetails', () => {
  it('names every offending string by its dotted path, at any depth and in arrays', () => {
    const body = {
      title: 'ok',
      values: [{ textValue: 'fine' }, { textValue: 'x\u0000y', source: 'ok' }],
      nested: { deeper: { note: '\u007f' } },
    };
    expect(unsafeTextDetails(body)).toEqual([
      { field: 'values.1.textValue', reason: '含有不允许的控制字符' },
      { field: 'nested.deeper.note', reason: '含有不允许的控制字符' },
    ]);
  });

  it('checks keys too, spelling their control characters out in the path', () => {
    expect(unsafeTextDetails({ answers: [{ 'a\u0000b': 1 }] })).toEqual([
      { field: 'answers.0.a\\u0000b', reason: '字段名含有不允许的控制字符' },
    ]);
  });

  it('refuses prototype keys wherever they are', () => {
    const body = JSON.parse('{"a":{"__proto__":{"admin":true}},"constructor":{"prototype":{}}}') as unknown;
    expect(unsafeTextDetails(body)).toEqual([
      { field: 'a.__proto__', reason: '不允许的字段名' },
      { field: 'constructor', reason: '不允许的字段名' },
    ]);
  });

  it('prefixes a root for single parameters and checks a bare string', () => {
    expect(unsafeTextDetails('\u0000', 'q')).toEqual([{ field: 'q', reason: '含有不允许的控制字符' }]);
    expect(unsafeTextDetails(['ok', 'b\u0001'], 'tags')).toEqual([{ field: 'tags.1', reason: '含有不允许的控制字符' }]);
  });

  it('leaves numbers, booleans, null, buffers and clean text alone', () => {
    expect(unsafeTextDetails({ n: 1, b: true, z: null, buf: Buffer.from([0, 1, 2]), text: 'a\tb\nc' })).toEqual([]);
    expect(unsafeTextDetails(undefined)).toEqual([]);
  });

  it('walks a value deeper than the call stack without recursion', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const details = unsafeTextDetails(deep);
    expect(details).toHaveLength(1);
    expect(details[0]!.field.split('.')).toHaveLength(200_000);
  });

  it('stops after the limit', () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, '\u0000']));
    expect(unsafeTextDetails(many, '', 5)).toHaveLength(5);
  });
});

describe('jsonNestingExceeds', () => {
  const bytes = (text: string) => Buffer.from(text, 'utf8');
  const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

  it.each([
    ['{}', 1, false],
    ['{}', 0, true],
    ['[[[]]]', 3, false],
    ['[[[]]]', 2, true],
    ['{"a":[{"b":[1]}]}', 4, false],
    ['{"a":[{"b":[1]}]}', 3, true],
    // Brackets inside strings, escaped quotes and backslashes do not count.
    ['{"a":"[[[[[[{{{{"}', 1, false],
    ['{"a":"\\"[[[[[["}', 1, false],
    ['{"a":"\\\\","b":[[[1]]]}', 3, true],
    ['{"名称":"【赣州】{市}"}', 1, false],
    ['', 1, false],
  ])('%s with at most %i levels → %s', (text, max, expected) => {
    expect(jsonNestingExceeds(bytes(text), max)).toBe(expected);
  });

  it('counts levels exactly at the limit', () => {
    expect(jsonNestingExceeds(bytes(nested(32)), 32)).toBe(false);
    expect(jsonNestingExceeds(bytes(nested(33)), 32)).toBe(true);
  });

  it('reads a megabyte of deep brackets quickly', () => {
    const started = performance.now();
    expect(jsonNestingExceeds(bytes('['.repeat(500_000) + ']'.repeat(500_000)), 32)).toBe(true);
    expect(
      jsonNestingExceeds(
        bytes(JSON.stringify(Array.from({ length: 50_000 }, (_, i) => ({ i, s: 'x'.repeat(10) })))),
        32,
      ),
    ).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
