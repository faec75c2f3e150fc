export * from './entities/index.js';
export * from './schemes.service.js';
export * from './schemes.repository.js';
export * from './quarterly-ranking.service.js';
export * from './quarterly-inputs.js';
export * from './late-report-months.js';
export * from './bulletin-export.service.js';
export * from './assessment.module.js';
export * from './seed/quarterly-scheme.js';
export * from './explanation.js';
export * from './year-end.service.js';
export * from './scoring-runs.service.js';
export * from './year-end-notice.service.js';
export * from './self-evidence.service.js';
export * from './year-end-events.service.js';
export * from './year-end-evidence.js';
export * from './self-assessment-state.js';
export {
  renderScoreTablePdf,
  renderOfficialDocx,
  renderOfficialPdf,
  type DocumentBlock,
  type DocumentTable,
  type OfficialDocument,
  type ScoreTableReport,
} from './render/index.js';
export * from './assessment-revisions.js';
export * from './revision-diff.js';
export * from './not-measurable.service.js';
export * from './not-measurable-marks.js';
