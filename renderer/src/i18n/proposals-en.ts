/** Gait events proposed from foot tracks: the bar under the frame and the ghost marks on the timeline. */
export const proposalsEn = {
  bar: 'Proposed gait events',
  count_one: '{{count}} proposed event',
  count_other: '{{count}} proposed events',
  previous: 'Previous proposal',
  next: 'Next proposal',
  accept: 'Accept',
  acceptHint: 'Mark this event (Enter on this frame)',
  reject: 'Reject',
  restore: 'Propose again',
  enterShortcut: 'Accept the proposed event on this frame',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  showRejected: 'Show rejected ({{count}})',
  ghostTitle: 'Proposed: {{name}} · frame {{frame}} · confidence {{confidence}} — click to accept',
  ghostRejectedTitle: 'Rejected proposal: {{name}} · frame {{frame}} · confidence {{confidence}}',
};
