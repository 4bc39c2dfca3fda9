import type { proposalsEn } from './proposals-en.ts';

export const proposalsNl: typeof proposalsEn = {
  bar: 'Voorgestelde loopmomenten',
  count_one: '{{count}} voorgesteld moment',
  count_other: '{{count}} voorgestelde momenten',
  previous: 'Vorig voorstel',
  next: 'Volgend voorstel',
  accept: 'Overnemen',
  acceptHint: 'Dit moment markeren (Enter op dit beeld)',
  reject: 'Afwijzen',
  restore: 'Weer voorstellen',
  enterShortcut: 'Het voorgestelde moment op dit beeld overnemen',
  acceptAll: 'Alles overnemen',
  rejectAll: 'Alles afwijzen',
  showRejected: 'Afgewezen tonen ({{count}})',
  ghostTitle: 'Voorstel: {{name}} · beeld {{frame}} · zekerheid {{confidence}} — klik om over te nemen',
  ghostRejectedTitle: 'Afgewezen voorstel: {{name}} · beeld {{frame}} · zekerheid {{confidence}}',
};
