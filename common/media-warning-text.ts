import type { MediaWarning } from './contract/media.ts';

/**
 * Media warnings in words, in Dutch and English: the one source for the viewer (in the user's
 * language) and the core's `message` (English, what the CLI prints). Numbers come from the
 * warning's details, formatted for the language.
 */
const TEXTS = {
  en: {
    mirrored:
      "This video is stored mirrored (as some front cameras record) and is shown the way the phone shows it: the runner's left and right sides are swapped in the picture. Check which leg is which before labelling left or right.",
    irregularTiming:
      "Frame timing is irregular: the time between frames varies from {{min}} to {{max}} ms (usually {{median}} ms). Midstance uses each frame's own time, so timings stay correct, but the camera may have dropped frames.",
    lowCaptureRate:
      'This clip was filmed at {{fps}} frames per second: one frame lasts {{ms}} ms, so a marked moment (landing, toe-off) and the contact and flight times between them can be up to {{ms}} ms off. Film at 120 or 240 fps for timing.',
    lowCaptureRateSetRate: 'If it was filmed in slow motion, set its real capture rate.',
    singleFrame: 'This clip holds a single frame, so it has no frame rate: contact and flight times cannot be measured in it.',
    noFrameRate:
      'The frames of this clip are so far apart that it has no usable frame rate: contact and flight times cannot be measured in it.',
    lowCaptureRateApple:
      'An iPhone slow-motion video that was shared or exported is re-rendered at 30 fps with the slow-down built in: import the original (it keeps 120 or 240 fps), or set the capture rate and measure only inside the slowed part.',
    truncated: 'The file is incomplete: its last {{count}} frames are missing (was the copy interrupted?). The rest can be used.',
    timeScaledEdits:
      'This video marks a part to play slowed down or sped up (as iPhone slow motion does). Midstance ignores that speed change: every recorded frame is shown once, at its recorded time. The whole recording is shown, including any part that was trimmed off.',
  },
  nl: {
    mirrored:
      "Deze video is gespiegeld opgeslagen (zoals sommige frontcamera's opnemen) en wordt getoond zoals de telefoon hem toont: links en rechts van de loper zijn in beeld verwisseld. Controleer welk been welk is voordat je links of rechts benoemt.",
    irregularTiming:
      'De beeldtiming is onregelmatig: de tijd tussen beelden varieert van {{min}} tot {{max}} ms (meestal {{median}} ms). Midstance gebruikt de eigen tijd van elk beeld, dus tijden blijven kloppen, maar de camera heeft mogelijk beelden overgeslagen.',
    lowCaptureRate:
      'Deze clip is gefilmd met {{fps}} beelden per seconde: één beeld duurt {{ms}} ms, dus een gemarkeerd moment (landing, afzet) en de contact- en zweeftijden daartussen kunnen tot {{ms}} ms ernaast zitten. Film met 120 of 240 fps voor tijdmetingen.',
    lowCaptureRateSetRate: 'Is hij in slow motion gefilmd? Stel dan de echte opnamesnelheid in.',
    singleFrame: 'Deze clip bestaat uit één beeld en heeft dus geen beeldsnelheid: contact- en zweeftijden zijn er niet in te meten.',
    noFrameRate:
      'De beelden van deze clip liggen zo ver uit elkaar dat er geen bruikbare beeldsnelheid is: contact- en zweeftijden zijn er niet in te meten.',
    lowCaptureRateApple:
      'Een gedeelde of geëxporteerde slow-motionvideo van een iPhone is opnieuw opgeslagen op 30 fps met de vertraging erin: importeer het origineel (dat houdt 120 of 240 fps), of stel de opnamesnelheid in en meet alleen binnen het vertraagde deel.',
    truncated: 'Het bestand is onvolledig: de laatste {{count}} beelden ontbreken (is het kopiëren onderbroken?). De rest is bruikbaar.',
    timeScaledEdits:
      'Deze video markeert een deel om vertraagd of versneld af te spelen (zoals slow motion van een iPhone doet). Midstance negeert die snelheidswijziging: elk opgenomen beeld wordt één keer getoond, op het moment dat het is opgenomen. De hele opname wordt getoond, ook een deel dat eventueel is weggeknipt.',
  },
};

type Texts = (typeof TEXTS)['en'];

/** Below one frame per second (or none at all) a rate and a timing accuracy mean nothing to a user. */
export const MIN_SPEAKABLE_FPS = 1;

export function mediaWarningText(warning: Pick<MediaWarning, 'code' | 'details'> & { message?: string }, language: string): string {
  const texts: Texts = language === 'nl' ? TEXTS.nl : TEXTS.en;
  const details = warning.details ?? {};
  const format = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 }).format;
  const number = (key: string): number | undefined => (typeof details[key] === 'number' ? (details[key] as number) : undefined);
  switch (warning.code) {
    case 'mirrored':
      return texts.mirrored;
    case 'time-scaled-edits':
      return texts.timeScaledEdits;
    case 'irregular-timing': {
      const [min, max, median] = [number('minIntervalMs'), number('maxIntervalMs'), number('medianIntervalMs')];
      if (min === undefined || max === undefined || median === undefined) break;
      return fill(texts.irregularTiming, { min: format(min), max: format(max), median: format(median) });
    }
    case 'low-capture-rate': {
      const fps = number('captureFps');
      if (fps === undefined) break;
      // A rate that rounds to nothing would read "0 frames per second … ±Infinity ms": say it in words.
      if (!(fps >= MIN_SPEAKABLE_FPS)) return number('frameCount') === 1 ? texts.singleFrame : texts.noFrameRate;
      const parts = [fill(texts.lowCaptureRate, { fps: format(fps), ms: String(Math.round(1000 / fps)) })];
      if (details.captureSource === 'file') {
        parts.push(texts.lowCaptureRateSetRate);
        if (details.appleDevice === true) parts.push(texts.lowCaptureRateApple);
      }
      return parts.join(' ');
    }
    case 'truncated': {
      const count = number('missingFrames');
      if (count === undefined) break;
      return fill(texts.truncated, { count: format(count) });
    }
  }
  // A code this build does not know (a newer core): its own words.
  return warning.message ?? warning.code;
}

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
