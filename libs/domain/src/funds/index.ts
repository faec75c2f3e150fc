/** Pure rules of special-fund performance: target cells and whether actual values meet them. */
export * from './target-value.js';
export * from './execution.js';
export * from './fund-evaluation.js';
export * from './default-fund-scheme.js';
export * from './survey.js';
export * from './execution-todo.js';
