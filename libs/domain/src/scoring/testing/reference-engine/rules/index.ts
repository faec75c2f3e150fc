import type { RuleKind } from '../../../types.js';
import { checklistRule } from './checklist.js';
import { likertRule } from './likert.js';
import { linearRule } from './linear.js';
import { manualRule } from './manual.js';
import { perEventRule } from './per-event.js';
import { rateRule } from './rate.js';
import { ratioToTargetRule } from './ratio-to-target.js';
import { bindRule, type BoundRule } from './rule.js';
import { shortfallRule } from './shortfall.js';
import { thresholdRule } from './threshold.js';
import type { SchemeIssue } from '../../../types.js';
import type { Dec } from '../../../../decimal.js';

/** Compiles a leaf's rule JSON with the handler of its kind (the kind is checked by the caller). */
export function compileRule(
  kind: RuleKind,
  rule: Readonly<Record<string, unknown>>,
  points: Dec,
  path: string,
  issues: SchemeIssue[],
): BoundRule | null {
  switch (kind) {
    case 'rate':
      return bind(rateRule.compile(rule, points, path, issues), (p) => bindRule(rateRule, p));
    case 'threshold':
      return bind(thresholdRule.compile(rule, points, path, issues), (p) => bindRule(thresholdRule, p));
    case 'checklist':
      return bind(checklistRule.compile(rule, points, path, issues), (p) => bindRule(checklistRule, p));
    case 'shortfall':
      return bind(shortfallRule.compile(rule, points, path, issues), (p) => bindRule(shortfallRule, p));
    case 'perEvent':
      return bind(perEventRule.compile(rule, points, path, issues), (p) => bindRule(perEventRule, p));
    case 'linear':
      return bind(linearRule.compile(rule, points, path, issues), (p) => bindRule(linearRule, p));
    case 'ratioToTarget':
      return bind(ratioToTargetRule.compile(rule, points, path, issues), (p) => bindRule(ratioToTargetRule, p));
    case 'manual':
      return bind(manualRule.compile(rule, points, path, issues), (p) => bindRule(manualRule, p));
    case 'likert':
      return bind(likertRule.compile(rule, points, path, issues), (p) => bindRule(likertRule, p));
  }
}

function bind<P>(params: P | null, f: (p: P) => BoundRule): BoundRule | null {
  return params === null ? null : f(params);
}

export { rateScore } from './rate.js';
export { thresholdScore } from './threshold.js';
export { checklistScore } from './checklist.js';
export { shortfallScore } from './shortfall.js';
export { perEventScore } from './per-event.js';
export { linearScore } from './linear.js';
export { ratioToTargetScore } from './ratio-to-target.js';
export { manualScore } from './manual.js';
export { likertScore, DEFAULT_LIKERT_WEIGHTS, DEFAULT_LIKERT_LABELS, DEFAULT_LIKERT_THRESHOLD } from './likert.js';
export type { TierStats } from './rule.js';
