import type { trackMeasureEn } from './trackmeasure-en.ts';

export const trackMeasureNl: typeof trackMeasureEn = {
  bar: 'Meten op gevolgde punten',
  kneeLeft: 'Kniehoek links',
  kneeRight: 'Kniehoek rechts',
  kneeHint:
    'Een goniometer op de gevolgde heup, knie en enkel: hij meet in elk beeld en bij elk gemarkeerd moment halverwege de steunfase van deze voet.',
  fromTracks: 'Goniometer uit gevolgde punten',
  firstEnd: 'Eerste uiteinde',
  vertex: 'Hoekpunt',
  secondEnd: 'Tweede uiteinde',
  make: 'Goniometer maken',
  noPoint: 'Niet elk gekozen punt staat in dit beeld. Ga naar een beeld waarin je ze alle drie ziet.',
  sameTrack: 'Kies drie verschillende punten.',
  made: 'Goniometer gemaakt: hij volgt de punten in elk beeld.',
  follows: 'Volgt de punten',
  fixedPoint: 'vast punt',
  missing: 'punt ontbreekt',
  missingHint:
    'Een punt dat deze meting volgt is verwijderd. Je ziet de opgeslagen waarde in het eigen beeld; maak het verwijderen ongedaan om het punt terug te halen.',
  onThisFrame: 'In dit beeld',
  notMeasurable: 'in dit beeld niet te meten',
  atEvents: 'Bij gemarkeerde loopmomenten',
  atEventsValue: '{{value}} (n = {{n}})',
  noEvents: 'Nog geen passende loopmomenten gemarkeerd: de meting telt zoals getekend in beeld {{frame}}.',
  noPreset: 'Geef de meting een vast label om haar bij de gemarkeerde loopmomenten mee te tellen.',
  strides: 'Per schrede (eerste contact tot eerste contact)',
  strideRange: 'min {{min}} · max {{max}} ({{count}} schredes)',
  correctHint: 'Sleep met Selecteren een gekoppeld punt om het gevolgde punt in dit beeld te verbeteren.',
  unbind: 'Punten niet meer volgen',
};
