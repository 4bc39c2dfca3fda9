import type { BodySide } from '../contract/project.ts';
import type { AsymmetryFigure, GaitProblem, GaitWarning } from './timing.ts';

/**
 * Gait warnings and problems in words, Dutch and English: the one source for the timing panel (in the user's
 * language) and the CLI (English).
 */
type Language = 'nl' | 'en';

const TEXTS = {
  en: {
    side: { left: 'left', right: 'right' },
    foot: { left: 'left foot', right: 'right foot' },
    figure: { contactTimeMs: 'Contact time', flightTimeMs: 'Flight time', stepTimeMs: 'Step time' },
    fewSteps: 'Complete steps marked on the {{foot}}: {{count}}. Mark at least {{needed}} per side for a reliable average.',
    lowCaptureRate:
      'Filmed at {{fps}} fps: each time is only accurate to ±{{ms}} ms. Film at 120 fps or more for contact and flight times.',
    irregularTiming: "Frame timing in this video is irregular: times use each frame's own timestamp, but frames may have been dropped.",
    asymmetry: '{{figure}} differs {{percent}} % between left and right (flagged above {{threshold}} %).',
    problems: {
      'repeated-contact': 'Initial contact of the {{foot}} again without a toe-off in between.',
      'toe-off-without-contact': 'Toe-off of the {{foot}} without its initial contact.',
      'zero-contact': 'Toe-off of the {{foot}} on the same frame as its initial contact.',
      'overlapping-contact': 'The {{foot}} lands before the other foot has left the belt (no flight phase): check which foot this is.',
      'midstance-outside-contact': 'Midstance of the {{foot}} between its toe-off and its next initial contact.',
    },
  },
  nl: {
    side: { left: 'links', right: 'rechts' },
    foot: { left: 'linkervoet', right: 'rechtervoet' },
    figure: { contactTimeMs: 'Contacttijd', flightTimeMs: 'Zweeftijd', stepTimeMs: 'Staptijd' },
    fewSteps: 'Volledige stappen gemarkeerd voor de {{foot}}: {{count}}. Markeer er minstens {{needed}} per kant voor een betrouwbaar gemiddelde.',
    lowCaptureRate:
      'Gefilmd met {{fps}} fps: elke tijd is maar tot op ±{{ms}} ms nauwkeurig. Film met 120 fps of meer voor contact- en zweeftijden.',
    irregularTiming:
      'De beeldtiming van deze video is onregelmatig: tijden gebruiken de eigen tijd van elk beeld, maar er kunnen beelden zijn overgeslagen.',
    asymmetry: '{{figure}} verschilt {{percent}} % tussen links en rechts (signaalgrens {{threshold}} %).',
    problems: {
      'repeated-contact': 'Opnieuw eerste contact van de {{foot}} zonder afzet ertussen.',
      'toe-off-without-contact': 'Afzet van de {{foot}} zonder eerste contact ervoor.',
      'zero-contact': 'Afzet van de {{foot}} op hetzelfde beeld als het eerste contact.',
      'overlapping-contact': 'De {{foot}} landt voordat de andere voet van de band is (geen zweeffase): controleer welke voet dit is.',
      'midstance-outside-contact': 'Halverwege steunfase van de {{foot}} gemarkeerd tussen de afzet en het volgende eerste contact.',
    },
  },
} as const;

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

function numberFormat(language: Language, digits: number): (value: number) => string {
  return new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits }).format;
}

export function gaitWarningText(warning: GaitWarning, language: Language): string {
  const texts = TEXTS[language];
  const format = numberFormat(language, 1);
  switch (warning.code) {
    case 'few-steps':
      return fill(texts.fewSteps, { count: String(warning.count), foot: texts.foot[warning.side], needed: String(warning.needed) });
    case 'low-capture-rate':
      return fill(texts.lowCaptureRate, { fps: format(warning.captureFps), ms: format(warning.resolutionMs) });
    case 'irregular-timing':
      return texts.irregularTiming;
    case 'asymmetry':
      return fill(texts.asymmetry, {
        figure: texts.figure[warning.figure],
        percent: format(warning.percent),
        threshold: format(warning.threshold),
      });
  }
}

export function gaitProblemText(problem: Pick<GaitProblem, 'code' | 'side'>, language: Language): string {
  const texts = TEXTS[language];
  return fill(texts.problems[problem.code], { foot: texts.foot[problem.side] });
}

export function sideText(side: BodySide, language: Language): string {
  return TEXTS[language].side[side];
}

export function asymmetryFigureText(figure: AsymmetryFigure, language: Language): string {
  return TEXTS[language].figure[figure];
}
