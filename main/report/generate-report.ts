import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildReportModel } from '../../common/report/report-model.ts';
import { fill, reportTexts } from '../../common/report/report-text.ts';
import type { ResolvedTool } from '../media/ffmpeg-path.ts';
import { writeFileAtomic } from '../platform/atomic-write.ts';
import type { ReportData } from './report-data.ts';
import { extractReportStills } from './report-stills.ts';
import { writeReportPdf, type StillPlacement } from './pdf-writer.ts';

export type ReportStage = 'reading' | 'stills' | 'layout' | 'writing';

export interface ReportProgress {
  stage: ReportStage;
  /** 0…1 within the stage, or null while unknown. */
  fraction: number | null;
}

export interface RenderedReport {
  pdf: Buffer;
  pages: number;
  /** Things the reader of the report should know (missing videos, an unreadable logo), in its language. */
  warnings: string[];
  /** Milliseconds per part, for the benchmark. */
  timings: { stills: number; layout: number };
  /** Where each still is on its page (tests check the overlay against the geometry). */
  placements: StillPlacement[];
  /** "Report Jan Jansen 2026-05-12.pdf" in the report's language. */
  suggestedName: string;
}

/**
 * From loaded project data to PDF bytes: the model (pure), the stills (ffmpeg), the layout (pdfkit). Nothing
 * touches the target file here; saving is `saveReport`, atomic.
 */
export async function renderReport(
  data: ReportData,
  options: {
    ffmpeg: ResolvedTool | null;
    logoPath: string | null;
    signal?: AbortSignal;
    onProgress?: (progress: ReportProgress) => void;
    generatedAt?: Date;
    /** Longest side of a still in px (default 1920). */
    stillMaxSide?: number;
  },
): Promise<RenderedReport> {
  const { signal } = options;
  const t = reportTexts(data.input.language);
  const model = buildReportModel(data.input);
  const warnings = [...model.warnings];
  let logo: Buffer | null = null;
  if (options.logoPath) {
    try {
      logo = readFileSync(options.logoPath);
      if (!isPngOrJpeg(logo)) throw new Error('not a PNG or JPEG picture');
    } catch {
      logo = null;
      // For the one making the report (dialog, CLI), not for the reader: the page simply has no logo.
      warnings.push(fill(t.logoUnreadable, { path: options.logoPath }));
    }
  }
  const startStills = performance.now();
  options.onProgress?.({ stage: 'stills', fraction: 0 });
  const stills = await extractReportStills({
    requests: model.keyFrames.map((frame) => ({ clipId: frame.clipId, frameIndex: frame.frameIndex })),
    probes: data.probes,
    ffmpeg: options.ffmpeg,
    language: data.input.language,
    signal,
    maxSide: options.stillMaxSide,
    onProgress: (done, total) => options.onProgress?.({ stage: 'stills', fraction: total === 0 ? 1 : done / total }),
  });
  const stillsMs = performance.now() - startStills;
  signal?.throwIfAborted();
  options.onProgress?.({ stage: 'layout', fraction: null });
  const startLayout = performance.now();
  const { pdf, pages, placements } = await writeReportPdf({ model, stills, logo, generatedAt: options.generatedAt ?? new Date(), signal });
  const layoutMs = performance.now() - startLayout;
  const safe = (text: string) => text.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim();
  const word = data.input.language === 'nl' ? 'Verslag' : 'Report';
  return {
    pdf,
    pages,
    warnings,
    timings: { stills: stillsMs, layout: layoutMs },
    placements,
    suggestedName: `${safe(`${word} ${data.input.client.name} ${data.input.session.date}`)}.pdf`,
  };
}

/** Writes the PDF atomically: the target is either the complete report or untouched. */
export function saveReport(path: string, pdf: Uint8Array): void {
  writeFileAtomic(path, pdf);
}

function isPngOrJpeg(data: Buffer): boolean {
  const png = data.length > 8 && data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47;
  const jpeg = data.length > 3 && data[0] === 0xff && data[1] === 0xd8;
  return png || jpeg;
}
