import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Track } from '../../../../common/contract/track.ts';
import { trackDisplayName } from '../../../../common/tracking/track-names.ts';

/** Each track's name in the UI's language (see trackDisplayName), by id. */
export function useTrackNames(tracks: readonly Track[]): ReadonlyMap<string, string> {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'nl' ? 'nl' : 'en';
  return useMemo(
    () => new Map(tracks.map((track) => [track.id, trackDisplayName(track, tracks, language, (n) => t('tracks.defaultLabel', { n }))])),
    [tracks, language, t],
  );
}
