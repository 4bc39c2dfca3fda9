import type { Locator, Page } from 'playwright-core';
import type { Vec2 } from '../../common/geometry/vector.ts';
import type { ViewTransform } from '../../common/geometry/view-transform.ts';
import { readFrameIndex } from '../fixtures/frame-code.ts';

/** Reading and driving the viewer in browser mode, shared by the e2e tests and the canvas bench. */

/** The image→stage mapping the viewer publishes on its stage (data-transform). */
export async function stageTransform(page: Page, within: Page | Locator = page): Promise<ViewTransform> {
  return JSON.parse((await within.getByTestId('viewer-stage').getAttribute('data-transform')) ?? '{}') as ViewTransform;
}

/** Page coordinates of the screen point that shows image point `image` under the current zoom and pan. */
export async function screenPoint(page: Page, image: Vec2): Promise<Vec2> {
  const box = (await page.getByTestId('viewer-stage').boundingBox())!;
  const t = await stageTransform(page);
  return { x: box.x + image.x * t.scale + t.x, y: box.y + image.y * t.scale + t.y };
}

export async function clickImagePoint(page: Page, image: Vec2): Promise<void> {
  const point = await screenPoint(page, image);
  await page.mouse.click(point.x, point.y);
}

/** The frame number the readout shows (the frame on screen). */
export async function shownFrame(page: Page, within: Page | Locator = page): Promise<number> {
  return Number.parseInt((await within.getByTestId('frame-number').textContent()) ?? '', 10);
}

/**
 * The index embedded in the pixels actually painted on the frame canvas (not the readout); `within` picks one of
 * two compared viewers.
 */
export async function paintedFrameIndex(page: Page, size: { width: number; height: number }, within: Page | Locator = page): Promise<number | null> {
  const t = await stageTransform(page, within);
  const raster = await within.locator('canvas.frame-canvas').evaluate(
    (canvas: HTMLCanvasElement, { t, width, height }) => {
      const dpr = window.devicePixelRatio || 1;
      const out = document.createElement('canvas');
      out.width = 320;
      out.height = Math.round((320 * height) / width);
      const context = out.getContext('2d')!;
      context.drawImage(canvas, t.x * dpr, t.y * dpr, width * t.scale * dpr, height * t.scale * dpr, 0, 0, out.width, out.height);
      const rgba = context.getImageData(0, 0, out.width, out.height).data;
      // Gray only, to keep the trip out of the page small.
      const gray = new Array<number>(out.width * out.height);
      for (let i = 0; i < gray.length; i += 1) gray[i] = Math.round((rgba[i * 4]! + rgba[i * 4 + 1]! + rgba[i * 4 + 2]!) / 3);
      return { data: gray, width: out.width, height: out.height };
    },
    { t, ...size },
  );
  return readFrameIndex({ data: Uint8Array.from(raster.data), width: raster.width, height: raster.height, channels: 1 });
}
