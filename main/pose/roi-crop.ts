/**
 * Samples the model's square input straight from the decoded RGB picture: `map` takes a point of the
 * output (u, v, pixel centres at +0.5) to picture pixels, bilinear, black outside the picture, values
 * scaled to [low, high]. Only size² points are touched, so neither the picture's size nor a copy of it
 * into the model's memory costs anything per frame.
 */
export function sampleSquare(
  rgb: Uint8Array,
  width: number,
  height: number,
  size: number,
  map: readonly [number, number, number, number, number, number],
  range: readonly [number, number],
): Float32Array {
  const [a, b, c, d, e, f] = map;
  const [low, high] = range;
  const scale = (high - low) / 255;
  const out = new Float32Array(size * size * 3);
  const stride = width * 3;
  let o = 0;
  for (let v = 0; v < size; v += 1) {
    const vc = v + 0.5;
    for (let u = 0; u < size; u += 1) {
      const uc = u + 0.5;
      // Picture pixel centres sit at +0.5 too.
      const x = a * uc + b * vc + c - 0.5;
      const y = d * uc + e * vc + f - 0.5;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      let r = 0;
      let g = 0;
      let bl = 0;
      for (let k = 0; k < 4; k += 1) {
        const px = x0 + (k & 1);
        const py = y0 + (k >> 1);
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        const weight = ((k & 1) ? fx : 1 - fx) * ((k >> 1) ? fy : 1 - fy);
        const at = py * stride + px * 3;
        r += weight * rgb[at]!;
        g += weight * rgb[at + 1]!;
        bl += weight * rgb[at + 2]!;
      }
      out[o] = low + r * scale;
      out[o + 1] = low + g * scale;
      out[o + 2] = low + bl * scale;
      o += 3;
    }
  }
  return out;
}
