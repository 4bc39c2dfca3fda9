/** Automatic landmarks (the "Detect landmarks" bar under the viewer). */
export const poseEn = {
  bar: 'Landmarks',
  detect: 'Detect landmarks',
  detectHint: 'Finds shoulder, hip, knee, ankle, heel and toe of both sides on every frame, on this computer. They are proposals: check them, then accept, correct or delete them.',
  again: 'Detect again',
  againHint: 'Replaces the proposals; landmarks you accepted stay as they are.',
  loading: 'Loading the model…',
  progress: 'Frame {{done}} of {{total}} ({{percent}} %)',
  cancel: 'Cancel',
  cancelled: 'Stopped. Nothing was saved.',
  done: '{{count}} landmarks proposed on {{frames}} frames.',
  doneCached: 'Landmarks for this clip were already detected; they are saved in the project.',
  missed: 'No runner found on {{count}} frames.',
  uncertain_one: 'Legs on top of each other on {{count}} frame: check which leg is which there.',
  uncertain_other: 'Legs on top of each other on {{count}} frames: check which leg is which there.',
  tryAgain: 'Try again',
};
