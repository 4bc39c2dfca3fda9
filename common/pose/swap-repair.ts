import type { PoseFrame, PoseLandmark, PosePoint } from '../contract/pose.ts';
import { landmarkOf, type PosePart, SWAP_GROUPS } from './landmarks.ts';
import { bodyScale, cloneFrame, distance } from './sequence.ts';

export interface SwapRepairOptions {
  /**
   * What one frame's swap costs, in body lengths (hip–ankle), against how far the points jump
   * between frames. The model's own labels are right most of the time; a swap is only made where
   * it removes a jump larger than this.
   */
  swapCost?: number;
}

export interface SwapRepairResult {
  frames: PoseFrame[];
  /** Per group, the frame indices whose left and right labels were exchanged. */
  swapped: { legs: number[]; trunk: number[] };
}

/**
 * Left/right swap detection and repair. For each group (legs, trunk) every frame is either kept or
 * has its left and right labels exchanged; the choice for the whole clip is the one with the least
 * movement of the points between consecutive frames plus a cost per exchanged frame (Viterbi over
 * two states per frame). Swapping only where a jump is removed keeps a crossing of the legs (the
 * swing leg passing the stance leg) intact, and the cost per swap keeps the model's labelling where
 * nothing argues against it — so a clip is never flipped as a whole.
 */
export function repairSwaps(input: readonly PoseFrame[], options: SwapRepairOptions = {}): SwapRepairResult {
  const frames = [...input].sort((a, b) => a.index - b.index).map(cloneFrame);
  const scale = bodyScale(frames);
  const swapCost = options.swapCost ?? 0.12;
  const swapped = { legs: [] as number[], trunk: [] as number[] };
  for (const group of ['legs', 'trunk'] as const) {
    const states = bestLabelling(frames, SWAP_GROUPS[group], scale, swapCost);
    frames.forEach((frame, at) => {
      if (states[at] !== 1) return;
      exchange(frame, SWAP_GROUPS[group]);
      swapped[group].push(frame.index);
    });
  }
  return { frames, swapped };
}

function bestLabelling(frames: readonly PoseFrame[], parts: readonly PosePart[], scale: number, swapCost: number): number[] {
  const count = frames.length;
  if (count === 0) return [];
  // cost[t][s]: least total cost of frames 0..t with frame t in state s (0 as labelled, 1 exchanged).
  const cost: [number, number][] = [[0, swapCost]];
  const from: [number, number][] = [[0, 0]];
  for (let t = 1; t < count; t += 1) {
    const previous = frames[t - 1]!;
    const current = frames[t]!;
    // Frames far apart (a gap in detection) say little about each other's labels.
    const linked = current.index - previous.index <= 3;
    const row: [number, number] = [0, 0];
    const back: [number, number] = [0, 0];
    for (const state of [0, 1] as const) {
      let best = Number.POSITIVE_INFINITY;
      let bestFrom = 0;
      for (const before of [0, 1] as const) {
        const move = linked ? movement(previous, before, current, state, parts) / scale : 0;
        const total = cost[t - 1]![before] + move;
        if (total < best) {
          best = total;
          bestFrom = before;
        }
      }
      row[state] = best + (state === 1 ? swapCost : 0);
      back[state] = bestFrom;
    }
    cost.push(row);
    from.push(back);
  }
  const states = new Array<number>(count).fill(0);
  let state = cost[count - 1]![1] < cost[count - 1]![0] ? 1 : 0;
  for (let t = count - 1; t >= 0; t -= 1) {
    states[t] = state;
    state = from[t]![state]!;
  }
  return states;
}

/** Confidence-weighted distance the group's points travel from one frame (in a state) to the next. */
function movement(a: PoseFrame, stateA: 0 | 1, b: PoseFrame, stateB: 0 | 1, parts: readonly PosePart[]): number {
  let total = 0;
  for (const part of parts) {
    for (const side of ['left', 'right'] as const) {
      const pointA = pointAs(a, side, part, stateA);
      const pointB = pointAs(b, side, part, stateB);
      if (!pointA || !pointB) continue;
      total += Math.min(pointA.confidence, pointB.confidence) * distance(pointA, pointB);
    }
  }
  return total;
}

function pointAs(frame: PoseFrame, side: 'left' | 'right', part: PosePart, state: 0 | 1): PosePoint | undefined {
  const read = state === 0 ? side : side === 'left' ? 'right' : 'left';
  return frame.landmarks[landmarkOf(read, part)];
}

function exchange(frame: PoseFrame, parts: readonly PosePart[]): void {
  for (const part of parts) {
    const left: PoseLandmark = landmarkOf('left', part);
    const right: PoseLandmark = landmarkOf('right', part);
    const leftPoint = frame.landmarks[left];
    const rightPoint = frame.landmarks[right];
    delete frame.landmarks[left];
    delete frame.landmarks[right];
    if (rightPoint) frame.landmarks[left] = rightPoint;
    if (leftPoint) frame.landmarks[right] = leftPoint;
  }
}
