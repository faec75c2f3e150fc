/**
 * The scoring engine as it was before its evaluation was made fast: a verbatim copy, kept only as
 * the oracle of the equivalence property spec (evaluate.equivalence.spec.ts). It is not exported
 * from the library and must not be edited to follow the live engine: the point is that the live
 * engine publishes exactly what this one did.
 */
export { evaluateScheme as referenceEvaluateScheme } from './evaluate.js';
