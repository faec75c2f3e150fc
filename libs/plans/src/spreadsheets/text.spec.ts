import { describe, expect, it } from '@jest/globals';
import {
  chineseNumeral,
  parseLiaison,
  parseLiaisons,
  parseMonth,
  parseYearHeader,
  splitIndicatorName,
  splitUnits,
} from './text.js';

describe('splitUnits', () => {
  it.each([
    ['市政府金融办\n市工信局', ['市政府金融办', '市工信局']],
    ['市工信局       市税务局', ['市工信局', '市税务局']],
    [
      '市工信局\n市发展改革委       章贡区人民政府 信丰县人民政府',
      ['市工信局', '市发展改革委', '章贡区人民政府', '信丰县人民政府'],
    ],
    ['市科技局、市财政局，市人社局', ['市科技局', '市财政局', '市人社局']],
    ['                市科技局', ['市科技局']],
    ['市科技局\n市科技局', ['市科技局']],
    ['', []],
  ])('%j', (cell, expected) => {
    expect(splitUnits(cell)).toEqual(expected);
  });
});

describe('parseLiaison', () => {
  it.each([
    [
      '市科技局 赋能办 联络员（市科技局） 0797-1234567',
      { unit: '市科技局', section: '赋能办', name: '联络员（市科技局）', phone: '0797-1234567' },
    ],
    ['市科技局 赋能办', { unit: '市科技局', section: '赋能办', name: '', phone: '' }],
    [
      '市委组织部 市人才服务中心人才服务一科',
      { unit: '市委组织部', section: '市人才服务中心人才服务一科', name: '', phone: '' },
    ],
    ['市住房服务中心', { unit: '市住房服务中心', section: '', name: '', phone: '' }],
    ['市住房服务中心 张三', { unit: '市住房服务中心', section: '', name: '张三', phone: '' }],
    [
      '赣州城投集团 人才小镇项目负责人 张三 13800000000',
      { unit: '赣州城投集团', section: '人才小镇项目负责人', name: '张三', phone: '13800000000' },
    ],
    [
      '市自然资源局 国土空间规划科（科技办）',
      { unit: '市自然资源局', section: '国土空间规划科（科技办）', name: '', phone: '' },
    ],
    ['市科技局 赋能办 0797-0000000', { unit: '市科技局', section: '赋能办', name: '', phone: '0797-0000000' }],
  ])('%s', (entry, expected) => {
    expect(parseLiaison(entry)).toEqual(expected);
  });

  it('splits entries on 、 and on lines that each name a liaison, not on a wrapped line', () => {
    expect(parseLiaisons('市科技局 赋能办、市工信局 科技科').map((l) => l.unit)).toEqual(['市科技局', '市工信局']);
    expect(parseLiaisons('市科技局 赋能办\n市工信局 科技科').map((l) => l.unit)).toEqual(['市科技局', '市工信局']);
    expect(parseLiaisons('\n市科技局 赋能办 张三 ')).toEqual([
      { unit: '市科技局', section: '赋能办', name: '张三', phone: '' },
    ]);
    expect(parseLiaisons('市科技局 赋能办 张三\n0797-1234567')).toEqual([
      { unit: '市科技局', section: '赋能办', name: '张三', phone: '0797-1234567' },
    ]);
  });
});

describe('parseMonth', () => {
  it.each([
    ['2023年1月', '2023-01'],
    ['2023年12月', '2023-12'],
    ['2023 年 01 月', '2023-01'],
    ['2023-01', '2023-01'],
    ['2023/3', '2023-03'],
    ['2023.10', '2023-10'],
    ['2023-01-15', '2023-01'],
    ['2023年1月15日', '2023-01'],
    ['２０２３年１月', '2023-01'],
    // As date cells print (@app/spreadsheets renders each date format as Excel shows it).
    ['2023/1/15', '2023-01'],
    ['2023/1/15 0:00', '2023-01'],
    ['2023-01-15 08:30:00', '2023-01'],
    ['1/15/2023', '2023-01'],
    ['12-31-2023', '2023-12'],
    ['13/1/2023', null],
    ['12月31日', null],
    ['2023年13月', null],
    ['明年', null],
    ['2023', null],
  ])('%s', (text, expected) => {
    expect(parseMonth(text)).toBe(expected);
  });
});

describe('splitIndicatorName', () => {
  it.each([
    ['全社会研发经费投入强度（%）', '全社会研发经费投入强度', '%'],
    ['科贷通放贷额(亿元)', '科贷通放贷额', '亿元'],
    ['高新技术产业增加值占规模以上工业\n增加值比重（%）', '高新技术产业增加值占规模以上工业增加值比重', '%'],
    ['专精特新“小巨人”企业（家）', '专精特新“小巨人”企业', '家'],
    ['国家级高新区排名', '国家级高新区排名', ''],
  ])('%s', (text, name, unitOfMeasure) => {
    expect(splitIndicatorName(text)).toEqual({ name, unitOfMeasure });
  });
});

describe('parseYearHeader', () => {
  it.each([
    ['2023', { year: 2023, mark: null }],
    ['2023年', { year: 2023, mark: null }],
    ['2022 年', { year: 2022, mark: null }],
    ['2022年（基期）', { year: 2022, mark: 'baseline' }],
    ['2025年目标', { year: 2025, mark: 'target' }],
    ['2023年投资计划', null],
    ['指标名称', null],
  ])('%s', (text, expected) => {
    expect(parseYearHeader(text)).toEqual(expected);
  });
});

describe('chineseNumeral', () => {
  it.each([
    [1, '一'],
    [7, '七'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [21, '二十一'],
  ])('%i', (n, expected) => {
    expect(chineseNumeral(n)).toBe(expected);
  });
});
