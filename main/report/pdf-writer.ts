import PDFDocument from 'pdfkit';
import { paintFrameAnnotations } from '../../common/painter/frame-painter.ts';
import { PLATE_STYLE } from '../../common/painter/style.ts';
import type { KeyFrame, KeyValue, ReportModel, ReportTable } from '../../common/report/report-model.ts';
import { fill, formatDateTime } from '../../common/report/report-text.ts';
import { bundledFonts } from '../platform/fonts.ts';
import { APP_VERSION } from '../platform/version.ts';
import { createPdfPaintContext, type PdfFonts } from './pdf-painter.ts';

/**
 * Lays a report model out on A4 pages with pdfkit: fonts shipped with the app (embedded, subset), stills as
 * JPEG at their own resolution with the drawings painted over them as vectors by the shared painter, running
 * footer with page numbers, the date made and the Midstance version; title, author and subject in the
 * document's metadata.
 */

export interface StillImage {
  /** JPEG bytes of exactly the frame named. */
  data: Buffer;
  width: number;
  height: number;
}

export interface PdfInput {
  model: ReportModel;
  /** By `${clipId}:${frameIndex}`; absent = placeholder. */
  stills: ReadonlyMap<string, StillImage | { missing: string }>;
  logo: Buffer | null;
  generatedAt: Date;
  signal?: AbortSignal;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 54, bottom: 64, left: 54, right: 54 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BOTTOM = A4.height - MARGIN.bottom;
/** A still is painted as the viewer shows a frame about this wide on screen, so strokes and plates keep their proportions. */
const VIEWER_WIDTH_PX = 1000;
const STILL_MAX_HEIGHT = 300;
/** One label column for every block of label–value pairs, so they line up down the page. */
const LABEL_WIDTH = 112;

const COLOUR = {
  text: '#1D232B',
  muted: '#5B6570',
  accent: '#1F5F8B',
  rule: '#D3D9E0',
  ruleStrong: '#8A96A3',
  tint: '#F2F5F8',
  attention: '#B3261E',
  good: '#2E7D32',
  warnTint: '#FFF6E0',
  warnRule: '#E0B44C',
};

const SIZE = { body: 9.5, small: 7.5, h1: 20, h2: 13, label: 8.5 };

/** The fonts in resources/fonts (the same lookup as the export overlays). */
export function reportFonts(): PdfFonts {
  return bundledFonts();
}

export const stillKey = (clipId: string, frameIndex: number) => `${clipId}:${frameIndex}`;

/** Where a still landed: page (0-based) and its box in points from the page's top-left corner. */
export interface StillPlacement {
  clipId: string;
  frameIndex: number;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function writeReportPdf(input: PdfInput): Promise<{ pdf: Buffer; pages: number; placements: StillPlacement[] }> {
  const placements: StillPlacement[] = [];
  const { model } = input;
  const t = model.texts;
  const fonts = reportFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    font: fonts.regular,
    info: {
      Title: model.title,
      Author: [model.assessor, model.practiceName].filter(Boolean).join(', '),
      Subject: model.subject,
      Creator: `Midstance ${APP_VERSION}`,
      Producer: `Midstance ${APP_VERSION}`,
      CreationDate: input.generatedAt,
    },
    lang: model.language === 'nl' ? 'nl-NL' : 'en-GB',
    displayTitle: true,
  });
  // The regular face is the document's default font (opened once, under its path); bold is registered by name.
  doc.registerFont('bold', fonts.bold);
  const REGULAR = fonts.regular;
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const text = (value: string, options: { size?: number; bold?: boolean; colour?: string; width?: number; x?: number; y?: number; align?: 'left' | 'right' | 'center'; gap?: number } = {}) => {
    doc.font(options.bold ? 'bold' : REGULAR).fontSize(options.size ?? SIZE.body).fillColor(options.colour ?? COLOUR.text);
    const opts = { width: options.width ?? CONTENT_WIDTH, align: options.align ?? 'left', lineGap: options.gap ?? 1.5 };
    if (options.x !== undefined && options.y !== undefined) doc.text(value, options.x, options.y, opts);
    else doc.text(value, options.x ?? doc.x, doc.y, opts);
  };
  const heightOf = (value: string, width: number, size = SIZE.body, bold = false, gap = 1.5) => {
    doc.font(bold ? 'bold' : REGULAR).fontSize(size);
    return doc.heightOfString(value || ' ', { width, lineGap: gap });
  };
  const newPage = () => {
    input.signal?.throwIfAborted();
    doc.addPage();
    doc.x = MARGIN.left;
    doc.y = MARGIN.top;
  };
  const ensure = (height: number) => {
    if (doc.y + height > BOTTOM) newPage();
  };
  const rule = (y: number, colour = COLOUR.rule, width = 0.6, x0 = MARGIN.left, x1 = MARGIN.left + CONTENT_WIDTH) => {
    doc.save().moveTo(x0, y).lineTo(x1, y).lineWidth(width).strokeColor(colour).stroke().restore();
  };
  const heading = (title: string, keepWith = 60) => {
    ensure(34 + keepWith);
    doc.y += doc.y > MARGIN.top + 1 ? 14 : 0;
    text(title, { size: SIZE.h2, bold: true, colour: COLOUR.accent, x: MARGIN.left });
    rule(doc.y + 2, COLOUR.accent, 0.9);
    doc.y += 9;
  };
  const paragraph = (value: string, options: { size?: number; colour?: string; bold?: boolean } = {}) => {
    text(value, { ...options, x: MARGIN.left });
    doc.y += 4;
  };

  /** Label–value pairs in a two-column grid: labels muted, values in body text. */
  const keyValues = (pairs: readonly KeyValue[], x: number, width: number, labelWidth = 110): number => {
    let y = doc.y;
    for (const pair of pairs) {
      const h = Math.max(heightOf(pair.label, labelWidth - 8, SIZE.label), heightOf(pair.value, width - labelWidth));
      if (y + h > BOTTOM) {
        newPage();
        y = doc.y;
      }
      text(pair.label, { size: SIZE.label, colour: COLOUR.muted, x, y: y + 0.8, width: labelWidth - 8 });
      text(pair.value, { x: x + labelWidth, y, width: width - labelWidth });
      y += h + 4;
    }
    return y;
  };

  const table = (spec: ReportTable) => {
    const total = spec.widths.reduce((a, b) => a + b, 0);
    const widths = spec.widths.map((w) => (w / total) * CONTENT_WIDTH);
    const pad = 5;
    const drawHeader = () => {
      let x = MARGIN.left;
      const h = Math.max(...spec.columns.map((c, i) => heightOf(c, widths[i]! - 2 * pad, SIZE.label, true)));
      spec.columns.forEach((column, i) => {
        text(column, { size: SIZE.label, bold: true, colour: COLOUR.muted, x: x + pad, y: doc.y, width: widths[i]! - 2 * pad, align: spec.numeric[i] ? 'right' : 'left' });
        doc.y -= heightOf(column, widths[i]! - 2 * pad, SIZE.label, true);
        x += widths[i]!;
      });
      doc.y += h + 3;
      rule(doc.y, COLOUR.ruleStrong, 0.8);
      doc.y += 4;
    };
    ensure(60);
    drawHeader();
    for (const row of spec.rows) {
      const heights = row.cells.map((cell, i) => {
        const small = row.small?.[i];
        return heightOf(cell, widths[i]! - 2 * pad) + (small ? heightOf(small, widths[i]! - 2 * pad, SIZE.small) + 1 : 0);
      });
      const h = Math.max(...heights);
      if (doc.y + h + 6 > BOTTOM) {
        newPage();
        drawHeader();
      }
      const top = doc.y;
      let x = MARGIN.left;
      row.cells.forEach((cell, i) => {
        const flagged = row.flag && i === spec.flagColumn;
        const colour = flagged ? (row.flag === 'attention' ? COLOUR.attention : COLOUR.good) : COLOUR.text;
        text(cell, { x: x + pad, y: top, width: widths[i]! - 2 * pad, align: spec.numeric[i] ? 'right' : 'left', colour, bold: Boolean(flagged && row.flag === 'attention') });
        const small = row.small?.[i];
        if (small) text(small, { size: SIZE.small, colour: COLOUR.muted, x: x + pad, y: doc.y + 0.5, width: widths[i]! - 2 * pad, align: spec.numeric[i] ? 'right' : 'left' });
        x += widths[i]!;
      });
      doc.y = top + h + 3;
      rule(doc.y, COLOUR.rule, 0.5);
      doc.y += 4;
    }
    doc.x = MARGIN.left;
    doc.y += 4;
  };

  /** A tinted note with a coloured bar on the left; its height is measured before anything is drawn. */
  const note = (title: string, lines: readonly string[], tint: string, bar: string) => {
    const width = CONTENT_WIDTH - 16;
    const height = heightOf(title, width, SIZE.label, true) + lines.reduce((sum, line) => sum + heightOf(`• ${line}`, width, SIZE.label) + 1, 0);
    ensure(height + 16);
    const top = doc.y;
    doc.save().rect(MARGIN.left, top, CONTENT_WIDTH, height + 12).fillColor(tint).fill().restore();
    doc.save().rect(MARGIN.left, top, 2.5, height + 12).fillColor(bar).fill().restore();
    text(title, { bold: true, size: SIZE.label, x: MARGIN.left + 10, y: top + 6, width });
    for (const line of lines) text(`• ${line}`, { size: SIZE.label, x: MARGIN.left + 10, y: doc.y + 1, width });
    doc.y = top + height + 12 + 8;
  };

  // ---- Page 1: header ----
  let headerBottom = MARGIN.top;
  let logoWidth = 0;
  if (input.logo) {
    try {
      // openImage is pdfkit's, missing from its type definitions: it parses the picture once for size and drawing.
      const image = (doc as unknown as { openImage(data: Buffer): { width: number; height: number } }).openImage(input.logo);
      logoWidth = Math.min(110, (30 * image.width) / image.height);
      doc.image(image as unknown as Buffer, MARGIN.left, MARGIN.top, { fit: [110, 30], valign: 'center' });
    } catch {
      input.logo = null;
    }
  }
  const nameX = logoWidth > 0 ? MARGIN.left + logoWidth + 12 : MARGIN.left;
  if (model.practiceName) text(model.practiceName, { size: 12, bold: true, x: nameX, y: MARGIN.top + 6, width: CONTENT_WIDTH * 0.6 });
  text(model.sessionDate, { size: SIZE.label, colour: COLOUR.muted, x: MARGIN.left, y: MARGIN.top + 9, width: CONTENT_WIDTH, align: 'right' });
  headerBottom = MARGIN.top + 38;
  rule(headerBottom, COLOUR.ruleStrong, 0.8);
  doc.y = headerBottom + 18;
  doc.font('bold').fontSize(SIZE.label).fillColor(COLOUR.accent);
  doc.text(t.title.toUpperCase(), MARGIN.left, doc.y, { characterSpacing: 0.8, width: CONTENT_WIDTH });
  text(model.clientName, { size: SIZE.h1, bold: true, x: MARGIN.left, y: doc.y + 3 });
  doc.y += 14;

  const columnWidth = (CONTENT_WIDTH - 24) / 2;
  const blockTop = doc.y;
  text(t.client.toUpperCase(), { size: SIZE.small, bold: true, colour: COLOUR.muted, x: MARGIN.left, y: blockTop, width: columnWidth });
  doc.y += 3;
  const leftBottom = keyValues(model.header.slice(1), MARGIN.left, columnWidth, LABEL_WIDTH);
  doc.y = blockTop;
  text(t.protocol.toUpperCase(), { size: SIZE.small, bold: true, colour: COLOUR.muted, x: MARGIN.left + columnWidth + 24, y: blockTop, width: columnWidth });
  doc.y += 3;
  const rightBottom = keyValues(model.protocol, MARGIN.left + columnWidth + 24, columnWidth, LABEL_WIDTH);
  doc.y = Math.max(leftBottom, rightBottom) + 6;
  if (model.clips.length > 0) {
    text(t.clips.toUpperCase(), { size: SIZE.small, bold: true, colour: COLOUR.muted, x: MARGIN.left, y: doc.y });
    doc.y += 3;
    doc.y = keyValues(model.clips, MARGIN.left, CONTENT_WIDTH, LABEL_WIDTH);
  }

  heading(t.history);
  doc.y = keyValues(model.history, MARGIN.left, CONTENT_WIDTH, LABEL_WIDTH);
  heading(t.camera);
  doc.y = keyValues(model.camera, MARGIN.left, CONTENT_WIDTH, LABEL_WIDTH);
  paragraph(t.cameraHint, { size: SIZE.small, colour: COLOUR.muted });

  // ---- Summary ----
  heading(t.summary, 80);
  if (model.summary.flagged.length > 0) {
    text(t.summaryFlagged, { bold: true, x: MARGIN.left, y: doc.y });
    doc.y += 3;
    for (const item of model.summary.flagged) {
      ensure(28);
      const y = doc.y;
      doc.save().circle(MARGIN.left + 3, y + 5.5, 2.2).fillColor(COLOUR.attention).fill().restore();
      text(item.label, { bold: true, x: MARGIN.left + 12, y, width: CONTENT_WIDTH - 12 });
      text(item.value, { x: MARGIN.left + 12, y: doc.y, width: CONTENT_WIDTH - 12, colour: COLOUR.text });
      doc.y += 4;
    }
  }
  paragraph(model.summary.text);
  if (model.warnings.length > 0) {
    note(t.warnings, model.warnings, COLOUR.warnTint, COLOUR.warnRule);
  }

  // ---- Key frames ----
  if (model.keyFrames.length > 0) {
    heading(t.keyFrames, STILL_MAX_HEIGHT);
    paragraph(t.keyFramesHint, { size: SIZE.small, colour: COLOUR.muted });
    const sized = model.keyFrames.map((frame) => ({ frame, still: input.stills.get(stillKey(frame.clipId, frame.frameIndex)) }));
    const box = (image: { width: number; height: number } | null) => {
      // A frame that could not be taken gets a low placeholder: its caption says which frame it was.
      if (!image) return { width: CONTENT_WIDTH, height: 70 };
      const ratio = image.width / image.height;
      let width = CONTENT_WIDTH;
      let height = width / ratio;
      if (height > STILL_MAX_HEIGHT) {
        height = STILL_MAX_HEIGHT;
        width = height * ratio;
      }
      return { width, height };
    };
    const half = (CONTENT_WIDTH - 14) / 2;
    for (let i = 0; i < sized.length; i++) {
      input.signal?.throwIfAborted();
      const a = sized[i]!;
      const aImage = a.still && 'data' in a.still ? a.still : null;
      const aBox = box(aImage);
      const b = sized[i + 1];
      const bImage = b?.still && 'data' in b.still ? b.still : null;
      // Portrait frames go two to a row.
      if (b && aBox.width <= half && box(bImage).width <= half) {
        const height = Math.max(aBox.height, box(bImage).height);
        ensure(height + 44);
        const top = doc.y;
        const leftEnd = placeStill(a.frame, a.still, MARGIN.left, top, aBox);
        const rightEnd = placeStill(b.frame, b.still, MARGIN.left + half + 14, top, box(bImage));
        doc.y = Math.max(leftEnd, rightEnd) + 12;
        i++;
        continue;
      }
      ensure(aBox.height + 44);
      doc.y = placeStill(a.frame, a.still, MARGIN.left + (CONTENT_WIDTH - aBox.width) / 2, doc.y, aBox) + 12;
    }
    if (model.keyFramesOmitted > 0) paragraph(fill(t.stillsOmitted, { count: model.keyFramesOmitted }), { size: SIZE.small, colour: COLOUR.muted });
  }

  function placeStill(frame: KeyFrame, still: StillImage | { missing: string } | undefined, x: number, y: number, size: { width: number; height: number }): number {
    if (still && 'data' in still) {
      const range = doc.bufferedPageRange();
      placements.push({ clipId: frame.clipId, frameIndex: frame.frameIndex, page: range.start + range.count - 1, x, y, ...size });
      doc.image(still.data, x, y, { width: size.width, height: size.height });
      const scale = size.width / VIEWER_WIDTH_PX;
      doc.save();
      doc.rect(x, y, size.width, size.height).clip();
      doc.translate(x, y).scale(scale);
      const context = createPdfPaintContext(doc, { regular: REGULAR, bold: 'bold' });
      const measure = (line: string, bold: boolean) => {
        doc.font(bold ? 'bold' : REGULAR).fontSize(PLATE_STYLE.fontSizePx);
        return doc.widthOfString(line);
      };
      paintFrameAnnotations(
        context,
        frame.annotations,
        {
          // Annotation points are in the full frame's pixels; the still may be a smaller copy of it.
          transform: { scale: VIEWER_WIDTH_PX / (frame.imageSize?.width ?? still.width), x: 0, y: 0 },
          convention: model.convention,
          language: model.language,
          cmPerPx: frame.cmPerPx,
        },
        { width: VIEWER_WIDTH_PX, height: (VIEWER_WIDTH_PX * still.height) / still.width },
        measure,
      );
      doc.restore();
      doc.save().rect(x, y, size.width, size.height).lineWidth(0.5).strokeColor(COLOUR.ruleStrong).stroke().restore();
    } else {
      const reason = still && 'missing' in still ? still.missing : (frame.missingReason ?? '');
      doc.save().rect(x, y, size.width, size.height).fillColor(COLOUR.tint).fill().restore();
      doc.save().rect(x, y, size.width, size.height).lineWidth(0.8).dash(4, { space: 3 }).strokeColor(COLOUR.ruleStrong).stroke().restore();
      text(fill(t.stillMissing, { reason }), { colour: COLOUR.muted, x: x + 12, y: y + size.height / 2 - 6, width: size.width - 24, align: 'center' });
    }
    text(frame.caption, { bold: true, size: SIZE.label, x, y: y + size.height + 5, width: size.width });
    if (frame.reasons.length > 0) text(frame.reasons.join(' · '), { size: SIZE.small, colour: COLOUR.muted, x, y: doc.y + 1, width: size.width });
    return doc.y;
  }

  // ---- Measurements ----
  if (model.measurements) {
    heading(t.measurements, 80);
    paragraph(fill(t.measurementsHint, { convention: model.convention === 'clinical' ? t.conventionClinical : t.conventionInterior }), { size: SIZE.small, colour: COLOUR.muted });
    table(model.measurements);
  }

  // ---- Timing ----
  heading(t.timing, 80);
  if (model.timing) {
    paragraph(model.timing.intro);
    table(model.timing.table);
    for (const note of model.timing.notes) paragraph(note, { size: SIZE.small, colour: COLOUR.muted });
  } else {
    paragraph(t.noTiming, { colour: COLOUR.muted });
  }

  // ---- Checklist ----
  heading(t.checklist, 80);
  for (const group of model.checklist) {
    ensure(50);
    text(group.title, { bold: true, x: MARGIN.left, y: doc.y + 4 });
    doc.y += 3;
    const widths = [0.36, 0.2, 0.44].map((f) => f * CONTENT_WIDTH);
    for (const item of group.items) {
      const statusHeight = heightOf(item.status, widths[1]! - 12) + (item.setBy ? heightOf(item.setBy, widths[1]! - 12, SIZE.small) : 0);
      const detailHeight = (item.values ? heightOf(item.values, widths[2]! - 6) : 0) + (item.note ? heightOf(item.note, widths[2]! - 6) + (item.values ? 1 : 0) : 0);
      const h = Math.max(heightOf(item.title, widths[0]! - 10), statusHeight, detailHeight);
      ensure(h + 8);
      const top = doc.y;
      text(item.title, { x: MARGIN.left + 6, y: top, width: widths[0]! - 10 });
      const colour = item.statusKey === 'needs-attention' ? COLOUR.attention : item.statusKey === 'good' ? COLOUR.good : COLOUR.muted;
      doc.save().circle(MARGIN.left + widths[0]! + 3, top + 5.5, 2.4).fillColor(colour).fill().restore();
      text(item.status, { x: MARGIN.left + widths[0]! + 10, y: top, width: widths[1]! - 12, colour, bold: item.statusKey === 'needs-attention' });
      if (item.setBy) text(item.setBy, { size: SIZE.small, colour: COLOUR.muted, x: MARGIN.left + widths[0]! + 10, y: doc.y, width: widths[1]! - 12 });
      if (item.values) text(item.values, { x: MARGIN.left + widths[0]! + widths[1]!, y: top, width: widths[2]! - 6 });
      if (item.note) text(item.note, { x: MARGIN.left + widths[0]! + widths[1]!, y: item.values ? doc.y + 1 : top, width: widths[2]! - 6, colour: COLOUR.muted });
      doc.y = top + h + 3;
      rule(doc.y, COLOUR.rule, 0.5);
      doc.y += 4;
    }
  }

  // ---- Findings and advice ----
  heading(t.findings, 40);
  paragraph(model.findings || t.noFindings, { colour: model.findings ? COLOUR.text : COLOUR.muted });
  heading(t.advice, 40);
  paragraph(model.advice || t.noAdvice, { colour: model.advice ? COLOUR.text : COLOUR.muted });
  if (model.drills) {
    ensure(40);
    text(model.drills.title, { bold: true, x: MARGIN.left, y: doc.y + 4 });
    doc.y += 3;
    for (const drill of model.drills.items) {
      ensure(24);
      text(`• ${drill.label}`, { bold: true, x: MARGIN.left + 6, y: doc.y, width: CONTENT_WIDTH - 6 });
      if (drill.value) text(drill.value, { x: MARGIN.left + 15, y: doc.y, width: CONTENT_WIDTH - 15 });
      doc.y += 3;
    }
  }

  // ---- Comparison ----
  if (model.comparison) {
    heading(t.comparison, 80);
    paragraph(model.comparison.intro, { size: SIZE.small, colour: COLOUR.muted });
    if (model.comparison.table) table(model.comparison.table);
    else paragraph(t.noComparable, { colour: COLOUR.muted });
  }

  // ---- Footer on every page ----
  const range = doc.bufferedPageRange();
  const generated = fill(t.generated, { date: formatDateTime(input.generatedAt, model.language), version: APP_VERSION });
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = A4.height - MARGIN.bottom + 22;
    rule(y - 6, COLOUR.rule, 0.5);
    text(`${model.clientName} · ${model.sessionDate} · ${generated}`, { size: SIZE.small, colour: COLOUR.muted, x: MARGIN.left, y, width: CONTENT_WIDTH * 0.75 });
    text(fill(t.page, { page: i + 1, pages: range.count }), { size: SIZE.small, colour: COLOUR.muted, x: MARGIN.left, y, width: CONTENT_WIDTH, align: 'right' });
    doc.page.margins.bottom = bottomMargin;
  }
  input.signal?.throwIfAborted();
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pages: range.count, placements };
}

