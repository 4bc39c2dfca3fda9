import type { tracksEn } from './tracks-en.ts';

export const tracksNl: typeof tracksEn = {
  tool: 'Punt volgen',
  toolHint: 'Klik op een punt in het beeld: het wordt door de hele clip gevolgd, vooruit en terug.',
  armed: 'Klik op het punt dat je wilt volgen in dit beeld (Esc om te stoppen).',
  bar: 'Gevolgde punten',
  progress: 'Volgen: beeld {{done}} van {{total}} ({{percent}} %)',
  starting: 'Volgen begint…',
  cancel: 'Annuleren',
  cancelled: 'Volgen gestopt. Het gekozen punt blijft staan; verder is niets opgeslagen.',
  done: 'Gevolgd in {{count}} beelden.',
  defaultLabel: 'Punt {{n}}',
  none: 'Nog geen gevolgde punten: gebruik Punt volgen (P) of Lichaamspunten herkennen.',
  frames: 'beelden {{first}}–{{last}} ({{count}})',
  noFrames: 'geen beelden',
  source: { point: 'punt', blob: 'sticker', pose: 'houding' },
  status: { proposed: 'voorstel', accepted: 'geaccepteerd' },
  accept: 'Accepteren',
  acceptAll: 'Alle voorstellen accepteren ({{count}})',
  delete: 'Verwijderen',
  dragHint: 'Sleep het punt om het te verbeteren; vanaf daar wordt opnieuw gevolgd.',
};
