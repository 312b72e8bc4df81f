/**
 * PNG in and out, for the Teams app icons: encodes an RGBA image (8 bits a channel, no interlace)
 * with Node's zlib, and reads back the size and colour type of a PNG, which is how the package
 * checks its icons are what Teams asks for.
 */
import { crc32, deflateSync } from 'node:zlib';

/** An image as rows of RGBA bytes, top to bottom. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** `width × height × 4` bytes: red, green, blue, alpha. */
  readonly pixels: Uint8Array;
}

/** What a PNG's header says about it. */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  /** 6 is RGBA, 2 RGB, 3 palette, 0 grey, 4 grey with alpha. */
  readonly colourType: number;
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const rgbaColourType = 6;

/** Encodes `image` as a PNG file. */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, pixels } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError('a PNG needs a positive whole width and height');
  if (pixels.length !== width * height * 4) throw new RangeError(`expected ${width * height * 4} bytes of RGBA, got ${pixels.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = rgbaColourType;
  // compression 0 (deflate), filter method 0, interlace 0: already zero
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y += 1) {
    // Filter type 0 (none) before each row.
    raw[y * (stride + 1)] = 0;
    Buffer.from(pixels.buffer, pixels.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Reads a PNG's header; throws a RangeError saying what is wrong when `data` is not a PNG. */
export function readPngHeader(data: Uint8Array): PngHeader {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(signature)) throw new RangeError('not a PNG file (no PNG signature)');
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') throw new RangeError('not a PNG file (no IHDR chunk first)');
  if (crc32(bytes.subarray(12, 29)) !== bytes.readUInt32BE(29)) throw new RangeError('damaged PNG file (IHDR checksum does not match)');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes[24] ?? 0, colourType: bytes[25] ?? 0 };
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
