import type { plotEn } from './plot-en.ts';

export const plotNl: typeof plotEn = {
  title: 'Hoeken in de tijd',
  collapse: 'Hoekgrafiek verbergen',
  expand: 'Hoekgrafiek tonen',
  empty: 'Koppel een goniometer aan gevolgde punten om het verloop in de tijd te zien.',
  lines: 'Metingen in de grafiek',
  area: 'Hoek in de tijd — klik of sleep om naar een beeld te gaan',
  valueText: 'Beeld {{frame}}: {{values}}',
  noValue: 'geen waarde (punt kwijt)',
  hover: 'beeld {{frame}}',
  resize: 'Hoogte van de hoekgrafiek',
  band: 'Norm {{min}}–{{max}}',
  gap: 'Punt kwijt: beelden {{from}}–{{to}}',
  extremes: 'Laagste en hoogste waarde per schrede (← → om te wisselen, Enter om erheen te gaan)',
  min: 'Laagste',
  max: 'Hoogste',
  extreme: '{{which}} van schrede {{number}} ({{side}}): {{value}} in beeld {{frame}}',
  atEvents: '{{kind}}: {{mean}} ± {{sd}} (n {{n}})',
  atEventsOne: '{{kind}}: {{mean}} (n 1)',
  atEvent: '{{kind}} {{side}}, beeld {{frame}}: {{value}}',
  missing: 'een gekoppeld punt is verwijderd',
};
