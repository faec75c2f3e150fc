export * from './fund-survey.entity.js';
export * from './fund-survey-question.entity.js';
export * from './fund-survey-token.entity.js';
export * from './fund-survey-response.entity.js';
export * from './fund-survey-answer.entity.js';
