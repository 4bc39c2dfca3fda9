/**
 * Walking the boxes of an ISO base media file (MP4/MOV) held in memory: the movie box and what
 * is inside it. Lenient: a box that does not fit its parent ends the walk.
 */

export interface Mp4Box {
  type: string;
  /** First byte of the box header. */
  start: number;
  /** First byte after the header. */
  body: number;
  end: number;
}

export function childBoxes(bytes: Uint8Array, from: number, to: number): Mp4Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Mp4Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = view.getUint32(at);
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > to) break;
      size = Number(view.getBigUint64(at + 8));
      body = at + 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < body - at || at + size > to) break;
    boxes.push({ type: fourCc(bytes, at + 4), start: at, body, end: at + size });
    at += size;
  }
  return boxes;
}

export function findChild(bytes: Uint8Array, parent: Mp4Box, type: string): Mp4Box | null {
  return childBoxes(bytes, parent.body, parent.end).find((box) => box.type === type) ?? null;
}

/** A trak's handler type ('vide', 'soun', 'meta', …), '' when it has none. */
export function trackHandler(bytes: Uint8Array, trak: Mp4Box): string {
  const mdia = findChild(bytes, trak, 'mdia');
  const hdlr = mdia ? findChild(bytes, mdia, 'hdlr') : null;
  // hdlr body: version/flags (4), pre_defined (4), handler_type (4).
  return hdlr && hdlr.end - hdlr.body >= 12 ? fourCc(bytes, hdlr.body + 8) : '';
}

export function fourCc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}
