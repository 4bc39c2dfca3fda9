import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

// The worker is our own bundled file (same origin): the strict CSP's worker-src 'self' covers it.
GlobalWorkerOptions.workerSrc = workerUrl;

/** Pages are drawn this wide (CSS px) and sharp on high-density screens. */
const PAGE_WIDTH = 620;

/**
 * The report's pages as the PDF will print them, drawn by pdf.js from the very bytes that Save writes.
 * No eval (isEvalSupported: false) and glyphs drawn as paths (no font loading), so the strict CSP holds.
 */
export function ReportPreview({ pdf }: { pdf: Uint8Array }) {
  const { t } = useTranslation();
  const [document, setDocument] = useState<PDFDocumentProxy | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let loaded: PDFDocumentProxy | null = null;
    // pdf.js takes ownership of the buffer it is given; hand it a copy.
    const task = getDocument({ data: pdf.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false });
    task.promise
      .then((doc) => {
        loaded = doc;
        if (!cancelled) setDocument(doc);
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure(error instanceof Error ? error.message : String(error));
      });
    return () => {
      cancelled = true;
      void task.destroy();
      void loaded?.destroy();
    };
  }, [pdf]);

  if (failure) return <p className="viewer-error">{t('report.previewFailed', { reason: failure })}</p>;
  if (!document) return <div className="report-pages" aria-busy="true" />;
  return (
    <div className="report-pages" tabIndex={0} aria-label={t('report.title')}>
      {Array.from({ length: document.numPages }, (_, i) => (
        <ReportPage key={i} document={document} number={i + 1} />
      ))}
    </div>
  );
}

function ReportPage({ document, number }: { document: PDFDocumentProxy; number: number }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [height, setHeight] = useState(Math.round(PAGE_WIDTH * 1.414));

  useEffect(() => {
    let cancelled = false;
    let render: { cancel(): void; promise: Promise<void> } | null = null;
    void document.getPage(number).then((page) => {
      if (cancelled || !canvasRef.current) return;
      const base = page.getViewport({ scale: 1 });
      const scale = PAGE_WIDTH / base.width;
      const density = Math.min(2, window.devicePixelRatio || 1);
      const viewport = page.getViewport({ scale: scale * density });
      const canvas = canvasRef.current;
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      setHeight(Math.round(viewport.height / density));
      render = page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport });
      render.promise.catch(() => {});
    });
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [document, number]);

  return (
    <figure className="report-page">
      <canvas ref={canvasRef} style={{ width: PAGE_WIDTH, height }} aria-label={t('report.pageLabel', { page: number, pages: document.numPages })} />
      <figcaption className="muted small">{t('report.pageLabel', { page: number, pages: document.numPages })}</figcaption>
    </figure>
  );
}
