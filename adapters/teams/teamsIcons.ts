/**
 * The two icons a Teams app package needs, drawn in code so no binary file is kept in the
 * repository: `color.png` (192 × 192, a white speech bubble on the accent colour) and `outline.png`
 * (32 × 32, the same bubble in white on a transparent background, as Teams asks). Edges are
 * anti-aliased by sampling each pixel 4 × 4 times.
 */
import { encodePng } from './pngImage';

/** The sizes Teams requires, in pixels. */
export const teamsIconSizes = { color: 192, outline: 32 } as const;

/** Warmline's accent colour, also the manifest's `accentColor`. */
export const warmlineAccent = '#2E7D6B';

/** What part of a shape is at a point of the unit square: the bubble, a dot cut out of it, or nothing. */
type Paint = 'bubble' | 'none';

/** A point in the unit square, (0, 0) top left. */
function paintAt(x: number, y: number, scale: number): Paint {
  // The bubble fills the middle of the icon; `scale` grows it (the outline icon has no margin to spare).
  const u = 0.5 + (x - 0.5) / scale;
  const v = 0.5 + (y - 0.5) / scale;
  const inBody = inRoundedRect(u, v, 0.18, 0.22, 0.82, 0.66, 0.12);
  const inTail = inTriangle(u, v, [0.3, 0.6], [0.5, 0.6], [0.26, 0.82]);
  if (!inBody && !inTail) return 'none';
  for (const cx of [0.34, 0.5, 0.66]) {
    if ((u - cx) ** 2 + (v - 0.44) ** 2 <= 0.05 ** 2) return 'none';
  }
  return 'bubble';
}

function inRoundedRect(u: number, v: number, left: number, top: number, right: number, bottom: number, r: number): boolean {
  if (u < left || u > right || v < top || v > bottom) return false;
  const cx = Math.min(Math.max(u, left + r), right - r);
  const cy = Math.min(Math.max(v, top + r), bottom - r);
  return (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
}

function inTriangle(u: number, v: number, a: readonly [number, number], b: readonly [number, number], c: readonly [number, number]): boolean {
  const side = (p: readonly [number, number], q: readonly [number, number]) => (q[0] - p[0]) * (v - p[1]) - (q[1] - p[1]) * (u - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** The fraction (0–1) of pixel (px, py) of a `size` image that the bubble covers. */
function coverage(px: number, py: number, size: number, scale: number): number {
  const samples = 4;
  let hits = 0;
  for (let i = 0; i < samples; i += 1) {
    for (let j = 0; j < samples; j += 1) {
      if (paintAt((px + (i + 0.5) / samples) / size, (py + (j + 0.5) / samples) / size, scale) === 'bubble') hits += 1;
    }
  }
  return hits / (samples * samples);
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** `color.png`: a white bubble on the accent colour, 192 × 192. */
export function colorIcon(accent: string = warmlineAccent): Buffer {
  const size = teamsIconSizes.color;
  const [r, g, b] = rgb(accent);
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const c = coverage(x, y, size, 1);
      const at = (y * size + x) * 4;
      pixels[at] = Math.round(r + (255 - r) * c);
      pixels[at + 1] = Math.round(g + (255 - g) * c);
      pixels[at + 2] = Math.round(b + (255 - b) * c);
      pixels[at + 3] = 255;
    }
  }
  return encodePng({ width: size, height: size, pixels });
}

/** `outline.png`: the bubble in white on transparent, 32 × 32. */
export function outlineIcon(): Buffer {
  const size = teamsIconSizes.outline;
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const at = (y * size + x) * 4;
      pixels[at] = 255;
      pixels[at + 1] = 255;
      pixels[at + 2] = 255;
      pixels[at + 3] = Math.round(255 * coverage(x, y, size, 1.3));
    }
  }
  return encodePng({ width: size, height: size, pixels });
}
