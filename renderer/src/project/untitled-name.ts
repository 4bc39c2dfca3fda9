import type { TFunction } from 'i18next';
import { formatMoment } from './date-input.ts';
import { untitledStart } from './paths.ts';

/** An untitled project's name in the user's language ("Naamloos project van 2 dec 2026 14:02"); others as they are. */
export function projectDisplayName(name: string, t: TFunction, language: string): string {
  const start = untitledStart(name);
  if (!start) return name;
  const when = formatMoment(start.startedAt, language);
  return start.copy === null ? t('project.untitled.name', { when }) : t('project.untitled.nameCopy', { when, copy: start.copy });
}
