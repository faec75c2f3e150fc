import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { assignmentLink, fundLink, inboxLink, officeOverviewLink, reportLink, todoLink, yearEndLink } from './links.js';

/** The paths the web app routes, read from its router: a link to any other path opens "页面或数据不存在". */
function webRoutes(): RegExp[] {
  const main = readFileSync(path.resolve(process.cwd(), 'apps/web/src/main.tsx'), 'utf8');
  return [...main.matchAll(/<Route\s+path="([^"*]+)"/g)].map(
    (m) => new RegExp(`^${m[1]!.replace(/:[A-Za-z]+/g, '[^/?]+')}$`),
  );
}

const url = 'https://kc.example.gov.cn/';

describe('links in messages', () => {
  const routes = webRoutes();
  const routed = (link: string) => routes.some((r) => r.test(new URL(link).pathname));

  it('reads the router', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routed('https://kc.example.gov.cn/reporting/periods/p/assignment/a')).toBe(false);
  });

  it.each([
    ['a report form', reportLink(url, 'p1', 'assignment', 'a1'), '/reports/p1/assignment/a1'],
    ['the to-do list of a month', todoLink(url, 'p1', 'u1'), '/todo?period=p1&unit=u1'],
    ['an assignment’s open reports', assignmentLink(url, 'a1'), '/todo?subject=a1'],
    ['the inbox', inboxLink(url), '/inbox'],
    ['the matrix at a month', officeOverviewLink(url, 'p1'), '/completeness?period=p1'],
    ['a unit’s history at a month', officeOverviewLink(url, 'p1', 'u1'), '/completeness/u1?period=p1'],
    ['a fund’s execution', fundLink(url, 'f1', 'execution'), '/funds/f1?tab=execution'],
    ['a unit’s year-end self-assessment', yearEndLink(url, 'self', 'y1'), '/assessment/self?assessment=y1'],
    ['the office’s year-end review', yearEndLink(url, 'review', 'y1'), '/assessment/review?assessment=y1'],
    ['a unit’s year-end review', yearEndLink(url, 'review', 'y1', 'u1'), '/assessment/review?assessment=y1&unit=u1'],
  ])('%s opens a page the web app routes', (_, link, expected) => {
    expect(link).toBe(`https://kc.example.gov.cn${expected}`);
    expect(routed(link)).toBe(true);
  });
});
