import { describe, expect, it } from '@jest/globals';
import { returnPath } from './return-path';

describe('returnPath', () => {
  it.each([
    [
      'a link opened from an email, nobody signed in before',
      { from: '/todo?period=p&unit=u' },
      'gz-zgq',
      '/todo?period=p&unit=u',
    ],
    ['the same user whose session ended', { from: '/my-reports', username: 'gz-kx' }, 'gz-kx', '/my-reports'],
    ['someone else signing in next in the tab', { from: '/my-reports', username: 'gz-kx' }, 'gz-kjj', null],
    ['another site', { from: '//evil.example/x' }, 'gz-kx', null],
    ['an absolute address', { from: 'https://evil.example/x' }, 'gz-kx', null],
    ['the login page itself', { from: '/login' }, 'gz-kx', null],
    ['no state', null, 'gz-kx', null],
  ])('%s', (_, state, username, expected) => {
    expect(returnPath(state, username)).toBe(expected);
  });
});
