import type { UiLanguage } from '../geometry/conventions.ts';

/**
 * The session report's words in Dutch and English: one table per language, filled with {{name}} values.
 * Main (PDF writer, CLI) and the renderer (report dialog) read the same table, as with error-text and gait-text.
 */
const TEXTS = {
  en: {
    title: 'Running analysis report',
    subject: 'Video analysis of running technique',
    practiceFallback: 'Running analysis',
    client: 'Client',
    born: 'Born',
    clientId: 'Client no.',
    date: 'Session date',
    assessor: 'Assessor',
    protocol: 'Protocol',
    speed: 'Treadmill speed',
    incline: 'Incline',
    shoes: 'Shoes',
    shoeMileage: '{{km}} km on them',
    clips: 'Clips',
    capturedAt: 'filmed at {{fps}} fps',
    captureUnknown: 'capture rate unknown',
    mediaMissing: 'video not found',
    notRecorded: 'not recorded',
    history: 'History',
    trainingVolume: 'Training volume',
    complaints: 'Complaints',
    goals: 'Goals',
    camera: 'Camera set-up',
    views: 'Views',
    distance: 'Distance to the runner',
    height: 'Camera height',
    cameraHint: 'Film the next session the same way so the results can be compared.',
    summary: 'Summary',
    summaryFlagged: 'Points that need attention',
    summaryNoneFlagged: 'Nothing was flagged: every item that was assessed is within its norm or was judged good.',
    summaryNothingMeasured:
      'No measurements, gait events or checklist answers were recorded in this session, so this report contains the session details only.',
    summaryGood: 'Checklist items judged good: {{count}} · not assessed: {{open}}.',
    keyFrames: 'Key frames',
    keyFramesHint: 'Drawings are shown as they were made in Midstance. Times are real (capture) time from the start of the clip.',
    frameCaption: '{{clip}} · frame {{frame}} · {{time}}',
    stillMissing: 'Picture not available: {{reason}}',
    stillsOmitted: 'Frames with drawings not shown here: {{count}}.',
    measurements: 'Measurements',
    measurementsHint: 'Angles as {{convention}}; the other convention in small print. Mean ± SD over n frames.',
    conventionInterior: 'interior angles (as in the norms of the e-book)',
    conventionClinical: 'clinical angles (flexion, lean from vertical)',
    colMeasure: 'Measure',
    colValue: 'Value',
    colNorm: 'Norm',
    colResult: 'Result',
    colN: 'n',
    within: 'within norm',
    outside: 'outside norm',
    noNorm: '—',
    timing: 'Running timing',
    timingFrom: 'From {{clip}}: {{left}} complete steps left, {{right}} right. Each time is accurate to ±{{ms}} ms (one frame at {{fps}} fps).',
    colFigure: 'Figure',
    colLeft: 'Left',
    colRight: 'Right',
    colBoth: 'Both',
    colAsymmetry: 'L/R diff.',
    contactTime: 'Contact time',
    flightTime: 'Flight time',
    stepTime: 'Step time',
    cadence: 'Cadence',
    dutyFactor: 'Duty factor',
    stepLength: 'Step length',
    typical: 'Typical at an easy pace: contact {{contact}} ms, flight {{flight}} ms, cadence {{cadence}} steps/min, duty factor {{duty}} %. Context, not a verdict.',
    noTiming: 'No gait events were marked, so there are no running times.',
    checklist: 'Checklist',
    colItem: 'Item',
    colStatus: 'Status',
    colNote: 'Note',
    status: { good: 'Good', 'needs-attention': 'Needs attention', 'not-assessed': 'Not assessed' },
    setByAssessor: 'set by the assessor',
    findings: 'Findings',
    advice: 'Advice',
    drillsSuggested: 'Suggested exercises for the points above',
    noFindings: 'No findings written.',
    noAdvice: 'No advice written.',
    comparison: 'Compared with the previous session',
    comparisonHint:
      'A change is marked only when it is larger than the smallest difference the measurement can detect (SDD); smaller changes are within measuring error. Running times are shown for information.',
    colThen: 'Then',
    colNow: 'Now',
    colChange: 'Change',
    colSdd: 'SDD',
    changed: 'changed',
    unchanged: 'within error',
    notJudged: 'for information',
    noComparable: 'No measure was taken in both sessions.',
    page: 'Page {{page}} of {{pages}}',
    generated: 'Made on {{date}} with Midstance {{version}}',
    sides: { left: 'left', right: 'right' },
    event: { 'initial-contact': 'initial contact', midstance: 'midstance', 'toe-off': 'toe-off' },
    view: { 'side-left': 'side view (left)', 'side-right': 'side view (right)', front: 'front view', rear: 'rear view' },
    linkedFrom: 'linked from “{{item}}”',
    warnings: 'Notes on this report',
    missingMedia: 'The video of clip “{{clip}}” was not found; its frames are shown as placeholders. Relink the clip and make the report again.',
    unreadableMedia: 'The video of clip “{{clip}}” could not be read: {{reason}}',
    logoUnreadable: 'The practice logo could not be read ({{path}}); the report was made without it.',
  },
  nl: {
    title: 'Verslag loopanalyse',
    subject: 'Videoanalyse van de looptechniek',
    practiceFallback: 'Loopanalyse',
    client: 'Cliënt',
    born: 'Geboren',
    clientId: 'Cliëntnr.',
    date: 'Datum sessie',
    assessor: 'Beoordelaar',
    protocol: 'Protocol',
    speed: 'Bandsnelheid',
    incline: 'Hellingshoek',
    shoes: 'Schoenen',
    shoeMileage: '{{km}} km gelopen',
    clips: 'Video’s',
    capturedAt: 'gefilmd met {{fps}} fps',
    captureUnknown: 'opnamesnelheid onbekend',
    mediaMissing: 'video niet gevonden',
    notRecorded: 'niet ingevuld',
    history: 'Voorgeschiedenis',
    trainingVolume: 'Trainingsomvang',
    complaints: 'Klachten',
    goals: 'Doelen',
    camera: 'Camera-opstelling',
    views: 'Aanzichten',
    distance: 'Afstand tot de loper',
    height: 'Camerahoogte',
    cameraHint: 'Film de volgende sessie op dezelfde manier, dan zijn de uitkomsten te vergelijken.',
    summary: 'Samenvatting',
    summaryFlagged: 'Aandachtspunten',
    summaryNoneFlagged: 'Er is niets gesignaleerd: alles wat is beoordeeld valt binnen de norm of is als goed beoordeeld.',
    summaryNothingMeasured:
      'In deze sessie zijn geen metingen, loopmomenten of checklistantwoorden vastgelegd; dit verslag bevat daarom alleen de gegevens van de sessie.',
    summaryGood: 'Checklistonderdelen goed: {{count}} · niet beoordeeld: {{open}}.',
    keyFrames: 'Kernbeelden',
    keyFramesHint: 'De tekeningen staan zoals ze in Midstance zijn gemaakt. Tijden zijn echte (opname)tijd vanaf het begin van de video.',
    frameCaption: '{{clip}} · beeld {{frame}} · {{time}}',
    stillMissing: 'Beeld niet beschikbaar: {{reason}}',
    stillsOmitted: 'Beelden met tekeningen die hier niet staan: {{count}}.',
    measurements: 'Metingen',
    measurementsHint: 'Hoeken als {{convention}}; de andere notatie klein eronder. Gemiddelde ± SD over n beelden.',
    conventionInterior: 'binnenhoeken (zoals de normen in het e-book)',
    conventionClinical: 'klinische hoeken (flexie, helling t.o.v. verticaal)',
    colMeasure: 'Meting',
    colValue: 'Waarde',
    colNorm: 'Norm',
    colResult: 'Uitkomst',
    colN: 'n',
    within: 'binnen norm',
    outside: 'buiten norm',
    noNorm: '—',
    timing: 'Looptijden',
    timingFrom: 'Uit {{clip}}: {{left}} volledige stappen links, {{right}} rechts. Elke tijd is nauwkeurig tot op ±{{ms}} ms (één beeld bij {{fps}} fps).',
    colFigure: 'Grootheid',
    colLeft: 'Links',
    colRight: 'Rechts',
    colBoth: 'Samen',
    colAsymmetry: 'Verschil L/R',
    contactTime: 'Contacttijd',
    flightTime: 'Zweeftijd',
    stepTime: 'Staptijd',
    cadence: 'Pasfrequentie',
    dutyFactor: 'Steunfractie',
    stepLength: 'Staplengte',
    typical: 'Gebruikelijk bij rustig tempo: contact {{contact}} ms, zweeftijd {{flight}} ms, pasfrequentie {{cadence}} passen/min, steunfractie {{duty}} %. Ter vergelijking, geen oordeel.',
    noTiming: 'Er zijn geen loopmomenten gemarkeerd, dus er zijn geen looptijden.',
    checklist: 'Checklist',
    colItem: 'Onderdeel',
    colStatus: 'Oordeel',
    colNote: 'Notitie',
    status: { good: 'Goed', 'needs-attention': 'Aandachtspunt', 'not-assessed': 'Niet beoordeeld' },
    setByAssessor: 'door de beoordelaar gekozen',
    findings: 'Bevindingen',
    advice: 'Advies',
    drillsSuggested: 'Voorgestelde oefeningen bij de aandachtspunten',
    noFindings: 'Geen bevindingen genoteerd.',
    noAdvice: 'Geen advies genoteerd.',
    comparison: 'Vergeleken met de vorige sessie',
    comparisonHint:
      'Een verandering wordt alleen gemarkeerd als die groter is dan het kleinste verschil dat de meting kan aantonen (SDD); kleinere verschillen vallen binnen de meetfout. Looptijden staan er ter informatie bij.',
    colThen: 'Toen',
    colNow: 'Nu',
    colChange: 'Verschil',
    colSdd: 'SDD',
    changed: 'veranderd',
    unchanged: 'binnen meetfout',
    notJudged: 'ter informatie',
    noComparable: 'Geen enkele meting is in beide sessies gedaan.',
    page: 'Pagina {{page}} van {{pages}}',
    generated: 'Gemaakt op {{date}} met Midstance {{version}}',
    sides: { left: 'links', right: 'rechts' },
    event: { 'initial-contact': 'eerste contact', midstance: 'midstance', 'toe-off': 'afzet' },
    view: { 'side-left': 'zijaanzicht (links)', 'side-right': 'zijaanzicht (rechts)', front: 'vooraanzicht', rear: 'achteraanzicht' },
    linkedFrom: 'gekoppeld aan “{{item}}”',
    warnings: 'Opmerkingen bij dit verslag',
    missingMedia: 'De video van “{{clip}}” is niet gevonden; de beelden ervan staan er als lege vakken in. Koppel de video opnieuw en maak het verslag nog eens.',
    unreadableMedia: 'De video van “{{clip}}” kon niet worden gelezen: {{reason}}',
    logoUnreadable: 'Het praktijklogo kon niet worden gelezen ({{path}}); het verslag is zonder logo gemaakt.',
  },
} as const;

export type ReportTexts = (typeof TEXTS)['en'];

export function reportTexts(language: UiLanguage): ReportTexts {
  return TEXTS[language] as ReportTexts;
}

export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
}

const formats = new Map<string, Intl.NumberFormat>();
/** Fixed decimals, the language's decimal mark, no grouping ("140,0" / "140.0"). */
export function formatNumber(value: number, language: UiLanguage, decimals: number): string {
  const key = `${language}${decimals}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: false,
    });
    formats.set(key, format);
  }
  const rounded = Math.abs(value) < 0.5 * 10 ** -decimals ? 0 : value;
  return format.format(rounded);
}

const MONTHS = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
} as const;

/** "12 May 2026" / "12 mei 2026": day first, as the app writes dates. */
export function formatDate(isoDate: string, language: UiLanguage): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  return `${Number(match[3])} ${MONTHS[language][Number(match[2]) - 1] ?? match[2]} ${match[1]}`;
}

/** A local date and time, e.g. "3 dec 2026 10:45". */
export function formatDateTime(date: Date, language: UiLanguage): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${formatDate(iso, language)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
