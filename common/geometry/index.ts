/** Pure geometry shared by the canvas, hit testing, the CLI and the PDF report. No DOM, no React. */
export * from './vector.ts';
export * from './angle.ts';
export * from './view-transform.ts';
export * from './points.ts';
export * from './calibration.ts';
export * from './conventions.ts';
export * from './hit-test.ts';
export * from './edit.ts';
export * from './drawing.ts';
