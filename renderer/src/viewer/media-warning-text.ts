import type { TFunction } from 'i18next';
import type { MediaWarning } from '../../../common/contract/media.ts';

/**
 * A media warning in the user's language. The core's English message (also what the CLI prints)
 * is the fallback for codes the renderer does not know yet.
 */
export function mediaWarningText(warning: MediaWarning, t: TFunction, language: string): string {
  const details = warning.details ?? {};
  const format = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 }).format;
  const number = (key: string): number | undefined => (typeof details[key] === 'number' ? (details[key] as number) : undefined);
  switch (warning.code) {
    case 'mirrored':
      return t('viewer.warning.mirrored');
    case 'time-scaled-edits':
      return t('viewer.warning.timeScaledEdits');
    case 'irregular-timing': {
      const [min, max, median] = [number('minIntervalMs'), number('maxIntervalMs'), number('medianIntervalMs')];
      if (min === undefined || max === undefined || median === undefined) break;
      return t('viewer.warning.irregularTiming', { min: format(min), max: format(max), median: format(median) });
    }
    case 'low-capture-rate': {
      const fps = number('captureFps');
      if (fps === undefined) break;
      const parts = [t('viewer.warning.lowCaptureRate', { fps: format(fps), ms: Math.round(1000 / fps) })];
      if (details.captureSource === 'file') {
        parts.push(t('viewer.warning.lowCaptureRateSetRate'));
        if (details.appleDevice === true) parts.push(t('viewer.warning.lowCaptureRateApple'));
      }
      return parts.join(' ');
    }
    case 'truncated': {
      const count = number('missingFrames');
      if (count === undefined) break;
      return t('viewer.warning.truncated', { count });
    }
  }
  return warning.message;
}
