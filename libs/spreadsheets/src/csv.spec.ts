import { describe, expect, it } from '@jest/globals';
import { formatCsv, parseCsv } from './csv.js';
import { SpreadsheetError } from './errors.js';

describe('parseCsv', () => {
  it.each([
    [
      'plain CRLF',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'LF without final break',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['lone CR', 'a\r1', [['a'], ['1']]],
    [
      'UTF-8 BOM',
      '\ufeff序号,名称\r\n1,x\r\n',
      [
        ['序号', '名称'],
        ['1', 'x'],
      ],
    ],
    ['quoted comma', '"a,b",c\r\n', [['a,b', 'c']]],
    ['doubled quote', '"说""好""的",x\r\n', [['说"好"的', 'x']]],
    [
      'line break inside quotes',
      '"第一行\r\n第二行",x\r\ny,z',
      [
        ['第一行\r\n第二行', 'x'],
        ['y', 'z'],
      ],
    ],
    ['empty fields', ',,\r\n', [['', '', '']]],
    ['empty quoted field', '"",a', [['', 'a']]],
    ['empty line in the middle', 'a\r\n\r\nb\r\n', [['a'], [''], ['b']]],
    ['quote inside an unquoted field', 'a"b,c', [['a"b', 'c']]],
    ['empty text', '', []],
  ])('%s', (_name, text, expected) => {
    expect(parseCsv(text)).toEqual(expected);
  });

  it('refuses a quote that never closes, naming the line, instead of taking the rest of the file as one field', () => {
    expect(() => parseCsv('a,b\r\n1,"未闭合\r\n2,3\r\n')).toThrow(
      new SpreadsheetError('CORRUPT', 'CSV 文件第 2 行的引号没有闭合，请检查后重新上传'),
    );
  });

  it('reads back what formatCsv writes', () => {
    const records = [
      ['序号', '具体任务及要求', '联络员'],
      ['24', '探索建设人才评价、转化、实训中心,建立健全', ''],
      ['27', '优化升级“苏区之光”人才计划，"引号"', '市委组织部 市人才服务中心人才服务一科'],
    ];
    expect(parseCsv(formatCsv(records))).toEqual(records);
  });
});
