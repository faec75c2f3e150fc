/** Pure rules of special-fund performance: target cells and whether actual values meet them. */
export * from './target-value.js';
