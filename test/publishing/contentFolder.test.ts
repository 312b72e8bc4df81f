import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readContentFolder, writeContentFolder } from '../../publishing/contentFolder';
import { publishingErrorCodes } from '../../publishing/publishingErrors';

const yaml = (p: string): boolean => p.endsWith('.yaml');

describe('content folders', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-content-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the files the filter takes, in sub-folders too, skipping hidden ones', () => {
    mkdirSync(path.join(dir, 'orders'));
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, 'greeting.yaml'), '您好\n');
    writeFileSync(path.join(dir, 'orders', 'late.yaml'), 'late\n');
    writeFileSync(path.join(dir, 'README.md'), 'not a topic');
    writeFileSync(path.join(dir, '.hidden.yaml'), 'x');
    writeFileSync(path.join(dir, '.git', 'config.yaml'), 'x');
    expect(readContentFolder(dir, yaml)).to.deep.equal([{ path: 'greeting.yaml', text: '您好\n' }, { path: 'orders/late.yaml', text: 'late\n' }]);
  });

  it('says so when the folder is missing or a file is not UTF-8 text', () => {
    expect(() => readContentFolder(path.join(dir, 'nope'))).to.throw(/is not a folder/).with.property('code', publishingErrorCodes.invalidArgument);
    writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(() => readContentFolder(dir, yaml)).to.throw(/Not UTF-8 text: latin1\.yaml/).with.property('code', publishingErrorCodes.invalidBundle);
  });

  it('writes a version into a folder, keeps what is unchanged, and removes files it lacks only when asked', () => {
    writeFileSync(path.join(dir, 'same.yaml'), 'same\n');
    writeFileSync(path.join(dir, 'old.yaml'), 'old\n');
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const files = [{ path: 'same.yaml', text: 'same\n' }, { path: 'orders/new.yaml', text: 'new\n' }];
    expect(writeContentFolder(dir, files, yaml)).to.deep.equal({ written: ['orders/new.yaml'], unchanged: ['same.yaml'], stale: ['old.yaml'], removed: false });
    expect(readFileSync(path.join(dir, 'orders', 'new.yaml'), 'utf8')).to.equal('new\n');
    expect(existsSync(path.join(dir, 'old.yaml'))).to.equal(true);
    expect(writeContentFolder(dir, files, yaml, true)).to.deep.include({ written: [], stale: ['old.yaml'], removed: true });
    expect(existsSync(path.join(dir, 'old.yaml'))).to.equal(false);
    expect(existsSync(path.join(dir, 'notes.txt')), 'files the filter does not take are never touched').to.equal(true);
  });
});
