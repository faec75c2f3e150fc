/** The assessment engine's pure scoring library: schemes as validated data, population evaluation,
 *  tier statistics and averages, bonus caps, grades and ranking. No I/O, no clock, exact decimals. */
export * from './types.js';
export { D, parseDecimal, plainDecimalText, publish, toScoreString, type Dec } from '../decimal.js';
export { validateScheme, compileScheme, InvalidSchemeError, type CompiledScheme } from './scheme-validator.js';
export { buildTree, leafCriteria, type FlatCriterion, type TreeResult } from './tree.js';
export { evaluateScheme, evaluateCompiled, DEFAULT_TIER } from './evaluate.js';
export { fullMarksForUnmeasuredTiers, UNMEASURED_TIER_EVIDENCE } from './unmeasured-tiers.js';
export {
  rankWithinTiers,
  competitionRanks,
  DEFAULT_COMMENDATION_TOP_N,
  type RankingEntry,
  type RankingOptions,
  type RankingOutcome,
} from './ranking.js';
export { gradeFor, DEFAULT_GRADE_BANDS, type CompiledGradeBand } from './grade.js';
export {
  rateScore,
  thresholdScore,
  checklistScore,
  shortfallScore,
  perEventScore,
  linearScore,
  ratioToTargetScore,
  manualScore,
  likertScore,
  DEFAULT_LIKERT_WEIGHTS,
  DEFAULT_LIKERT_LABELS,
  DEFAULT_LIKERT_THRESHOLD,
  type TierStats,
} from './rules/index.js';
export {
  ganzhouCountyScheme2023,
  ganzhouDepartmentScheme2023,
  ganzhouCountyBonusTable,
  ganzhouVetoItems,
  ganzhouCountyTiers2023,
} from './seed/ganzhou-2023.js';
