import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipArchive } from '../../../adapters/teams/zipArchive';

/** What Python's zipfile reads from an archive: each name with its bytes (base64), after checking every CRC. */
function readWithPython(file: string): Record<string, string> {
  const script = [
    'import base64, json, sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'bad = z.testzip()',
    'assert bad is None, bad',
    'print(json.dumps({i.filename: base64.b64encode(z.read(i)).decode() for i in z.infolist()}))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as Record<string, string>;
}

describe('zipArchive', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wl-zip-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes an archive that unzip lists and Python reads back byte for byte, deflated and stored entries alike', () => {
    const text = Buffer.from('{"hello":"world"}\n'.repeat(50));
    const random = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 251));
    const chinese = Buffer.from('你好，客服', 'utf8');
    const file = path.join(dir, 'a.zip');
    writeFileSync(file, zipArchive([{ name: 'manifest.json', data: text }, { name: 'icons/noise.bin', data: random }, { name: '中文.txt', data: chinese }, { name: 'empty', data: new Uint8Array(0) }]));

    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    expect(listing).to.match(/900\s+1980-01-01 00:00\s+manifest\.json/);
    expect(listing).to.match(/4 files/);
    const read = readWithPython(file);
    expect(Object.keys(read)).to.deep.equal(['manifest.json', 'icons/noise.bin', '中文.txt', 'empty']);
    expect(Buffer.from(read['manifest.json'] ?? '', 'base64').equals(text)).to.equal(true);
    expect(Buffer.from(read['icons/noise.bin'] ?? '', 'base64').equals(random)).to.equal(true);
    expect(Buffer.from(read['中文.txt'] ?? '', 'base64').toString('utf8')).to.equal('你好，客服');
    expect(read.empty).to.equal('');
    // Repetitive text is deflated; unzip -v names the method.
    expect(execFileSync('unzip', ['-v', file], { encoding: 'utf8' })).to.match(/Defl:N.*manifest\.json/);
  });

  it('is the same bytes every time (no timestamps), so a rebuilt package does not look changed', () => {
    const entries = [{ name: 'a.txt', data: Buffer.from('same') }];
    expect(zipArchive(entries).equals(zipArchive(entries))).to.equal(true);
  });

  it('refuses names that would escape the folder or repeat, saying which', () => {
    for (const name of ['../evil', '/etc/passwd', 'a\\b', 'a//b', '']) {
      expect(() => zipArchive([{ name, data: Buffer.from('x') }]), name).to.throw(RangeError, 'not a usable path');
    }
    expect(() => zipArchive([{ name: 'a', data: Buffer.from('x') }, { name: 'a', data: Buffer.from('y') }])).to.throw(RangeError, '"a" is in the archive twice');
  });
});
