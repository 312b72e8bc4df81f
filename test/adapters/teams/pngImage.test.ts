import { expect } from 'chai';
import { inflateSync } from 'node:zlib';
import { encodePng, readPngHeader } from '../../../adapters/teams/pngImage';
import { colorIcon, outlineIcon } from '../../../adapters/teams/teamsIcons';

/** The RGBA pixels of a PNG written by encodePng (one IDAT, filter 0 on every row). */
function pixelsOf(png: Buffer): { width: number; rows: Buffer[] } {
  const { width, height } = readPngHeader(png);
  let at = 8;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    expect(raw[y * (width * 4 + 1)]).to.equal(0);
    rows.push(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)));
  }
  return { width, rows };
}

describe('pngImage', () => {
  it('encodes RGBA that reads back with its size, colour type and exact pixels', () => {
    const pixels = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const png = encodePng({ width: 3, height: 2, pixels });
    expect(readPngHeader(png)).to.deep.equal({ width: 3, height: 2, bitDepth: 8, colourType: 6 });
    expect(Buffer.concat(pixelsOf(png).rows).equals(Buffer.from(pixels))).to.equal(true);
  });

  it('says what is wrong with a file that is not a PNG, or a damaged one', () => {
    expect(() => readPngHeader(Buffer.from('GIF89a not a png at all, really not'))).to.throw(RangeError, 'no PNG signature');
    const damaged = encodePng({ width: 1, height: 1, pixels: new Uint8Array(4) });
    damaged[17] = 9;
    expect(() => readPngHeader(damaged)).to.throw(RangeError, 'checksum');
    expect(() => encodePng({ width: 2, height: 2, pixels: new Uint8Array(3) })).to.throw(RangeError, 'expected 16 bytes');
  });

  it('draws the colour icon opaque on the accent colour and the outline icon white on transparent', () => {
    const color = pixelsOf(colorIcon());
    expect(color.width).to.equal(192);
    const corner = color.rows[0]?.subarray(0, 4);
    expect([...(corner ?? [])]).to.deep.equal([0x2e, 0x7d, 0x6b, 255]);
    const outline = pixelsOf(outlineIcon());
    expect(outline.width).to.equal(32);
    const all = Buffer.concat(outline.rows);
    let opaque = 0;
    for (let i = 0; i < all.length; i += 4) {
      // Every pixel is white; only its alpha varies.
      expect([all[i], all[i + 1], all[i + 2]]).to.deep.equal([255, 255, 255]);
      if (all[i + 3] === 255) opaque += 1;
    }
    expect(all[3], 'top-left corner transparent').to.equal(0);
    // The bubble covers a good part of the icon, not a speck and not all of it.
    expect(opaque).to.be.within(200, 700);
  });
});
