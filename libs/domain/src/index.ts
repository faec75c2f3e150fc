export * from './scoring/index.js';
export * from './calendar/index.js';
export * from './reporting/index.js';
export * from './funds/index.js';
export * from './input/index.js';
// Exact decimal arithmetic without decimal.js's allocations, for rules run tens of thousands of times a call.
export {
  decimalSum,
  FIXED_ONE,
  FIXED_ZERO,
  fixedDiv,
  fixedFromText,
  fixedOf,
  fixedPlaces,
  fixedText,
  type Fixed,
} from './fixed-decimal.js';
export { smallFromText, smallOfCoefficient, smallPlaces, type SmallDecimal } from './small-decimal.js';
