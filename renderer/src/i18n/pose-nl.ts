import type { poseEn } from './pose-en.ts';

/** Automatische lichaamspunten (de balk "Lichaamspunten herkennen" onder de viewer). */
export const poseNl: typeof poseEn = {
  bar: 'Lichaamspunten',
  detect: 'Lichaamspunten herkennen',
  detectHint: 'Zoekt op elk beeld schouder, heup, knie, enkel, hiel en teen van beide kanten, op deze computer. Het zijn voorstellen: controleer ze en neem ze over, verbeter ze of verwijder ze.',
  again: 'Opnieuw herkennen',
  againHint: 'Vervangt de voorstellen; punten die je hebt overgenomen blijven zoals ze zijn.',
  loading: 'Model laden…',
  progress: 'Beeld {{done}} van {{total}} ({{percent}} %)',
  cancel: 'Annuleren',
  cancelled: 'Gestopt. Er is niets opgeslagen.',
  done: '{{count}} lichaamspunten voorgesteld op {{frames}} beelden.',
  doneCached: 'De lichaamspunten van deze clip zijn al herkend; ze staan in het project.',
  missed: 'Op {{count}} beelden is geen loper gevonden.',
  uncertain_one: 'Op {{count}} beeld vallen de benen over elkaar: controleer daar welk been welk is.',
  uncertain_other: 'Op {{count}} beelden vallen de benen over elkaar: controleer daar welk been welk is.',
  tryAgain: 'Opnieuw proberen',
};
