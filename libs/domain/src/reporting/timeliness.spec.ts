import { describe, expect, it } from '@jest/globals';
import { timeliness, timelinessRate, type Timeliness } from './timeliness.js';

const deadline = new Date('2023-03-06T09:00:00.000Z'); // 2023-03-06 17:00 Asia/Shanghai
const t = (iso: string) => new Date(iso);

describe('timeliness', () => {
  it.each<{ submitted: string | null; now: string; status: Timeliness }>([
    { submitted: '2023-03-01T02:00:00.000Z', now: '2023-03-10T00:00:00.000Z', status: 'on_time' },
    { submitted: '2023-03-06T09:00:00.000Z', now: '2023-03-10T00:00:00.000Z', status: 'on_time' },
    { submitted: '2023-03-06T09:00:00.001Z', now: '2023-03-10T00:00:00.000Z', status: 'late' },
    { submitted: '2023-03-07T01:00:00.000Z', now: '2023-03-07T01:00:00.000Z', status: 'late' },
    { submitted: null, now: '2023-03-06T08:59:59.999Z', status: 'pending' },
    { submitted: null, now: '2023-03-06T09:00:00.000Z', status: 'pending' },
    { submitted: null, now: '2023-03-06T09:00:00.001Z', status: 'missing' },
    { submitted: null, now: '2023-12-31T00:00:00.000Z', status: 'missing' },
    { submitted: '2023-03-02T00:00:00.000Z', now: '2023-03-01T00:00:00.000Z', status: 'on_time' },
  ])('submitted $submitted, now $now → $status', ({ submitted, now, status }) => {
    expect(timeliness(submitted === null ? null : t(submitted), deadline, t(now))).toBe(status);
  });
});

describe('timelinessRate', () => {
  it.each<{ statuses: Timeliness[]; expected: number; rate: string | null; percent: string | null }>([
    {
      statuses: ['on_time', 'on_time', 'late'],
      expected: 3,
      rate: '0.6666666666666666666666666666666666666667',
      percent: '66.67',
    },
    { statuses: ['on_time', 'missing', 'pending', 'pending'], expected: 2, rate: '0.5', percent: '50.00' },
    { statuses: ['on_time', 'on_time', 'on_time'], expected: 3, rate: '1', percent: '100.00' },
    { statuses: ['late', 'missing'], expected: 2, rate: '0', percent: '0.00' },
    { statuses: ['pending'], expected: 0, rate: null, percent: null },
    { statuses: [], expected: 0, rate: null, percent: null },
    // 2023: 11 on time, 1 late → 91.67 %
    {
      statuses: [...Array<Timeliness>(11).fill('on_time'), 'late'],
      expected: 12,
      rate: '0.9166666666666666666666666666666666666667',
      percent: '91.67',
    },
    {
      statuses: ['on_time', 'late', 'late', 'late', 'late', 'late', 'late', 'late'],
      expected: 8,
      rate: '0.125',
      percent: '12.50',
    },
  ])('$statuses → $percent', ({ statuses, expected, rate, percent }) => {
    const result = timelinessRate(statuses);
    expect(result.expected).toBe(expected);
    expect(result.rate === null ? null : result.rate.toFixed()).toBe(rate);
    expect(result.percent).toBe(percent);
  });

  it('counts each status', () => {
    expect(timelinessRate(['on_time', 'late', 'late', 'missing', 'pending']).counts).toEqual({
      on_time: 1,
      late: 2,
      missing: 1,
      pending: 1,
    });
  });

  it('rounds the percentage half-up: 1 of 8 is 12.50, 1 of 3 is 33.33, 2 of 3 is 66.67', () => {
    expect(timelinessRate(['on_time', 'late', 'late']).percent).toBe('33.33');
    // 0.5 at the third decimal of the percentage: 1/16 = 6.25 %, 1/32 = 3.125 % → 3.13
    expect(timelinessRate(['on_time', ...Array<Timeliness>(31).fill('missing')]).percent).toBe('3.13');
  });

  it('refuses an unknown status', () => {
    expect(() => timelinessRate(['on_time', 'early' as Timeliness])).toThrow(/未知的报送状态/);
  });
});
