/** Pure rules for what people type into forms; shared by the web app and the server. */
export { toHalfWidth } from './half-width.js';
export { FULL_WIDTH_NOTE, GROUPING_NOTE, type NumberRule, readTypedNumber, type TypedNumber } from './typed-number.js';
