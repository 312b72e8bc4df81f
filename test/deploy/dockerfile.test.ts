import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');

/** The runtime stage's `CMD` as its JSON array. */
function runtimeCommand(): string[] {
  const lines = dockerfile.split('\n').filter((l) => l.startsWith('CMD '));
  const last = lines[lines.length - 1];
  if (!last) throw new Error('the Dockerfile has no CMD');
  return JSON.parse(last.slice('CMD '.length)) as string[];
}

/** The value the runtime stage's ENV gives `name` (the ENV block continues over `\` lines). */
function envValue(name: string): string | undefined {
  const match = dockerfile.match(new RegExp(`^\\s*(?:ENV\\s+)?${name}=(\\S+)`, 'm'));
  return match?.[1];
}

// No Docker daemon runs where the tests do, so the image is never built here; these checks catch what
// would only show once it is: a start command or heap option this Node version refuses.
describe('Dockerfile: the runtime command', () => {
  it('starts dist/index.js with node, as `npm start` does, and keeps the heap limit in NODE_OPTIONS', () => {
    const command = runtimeCommand();
    expect(command[0]).to.equal('node');
    expect(command[command.length - 1]).to.equal('dist/index.js');
    expect(envValue('NODE_OPTIONS')).to.match(/^--max-old-space-size=\d+$/);
  });

  it("takes every flag of CMD and NODE_OPTIONS on this machine's Node (a flag Node does not know stops it at start)", () => {
    const flags = runtimeCommand().slice(1, -1);
    expect(flags.every((f) => f.startsWith('--'))).to.equal(true);
    const out = execFileSync(process.execPath, [...flags, '-e', "console.log(require('node:v8').getHeapStatistics().heap_size_limit)"], {
      env: { ...process.env, NODE_OPTIONS: envValue('NODE_OPTIONS') ?? '' },
      encoding: 'utf8',
    });
    // The old-generation limit of NODE_OPTIONS is in force (V8 adds the young generation to it).
    const limitMb = Number(out.trim()) / 1048576;
    const oldSpaceMb = Number((envValue('NODE_OPTIONS') ?? '').split('=')[1]);
    expect(limitMb).to.be.within(oldSpaceMb, oldSpaceMb + 128);
  });

  it('refuses a flag Node does not know, so the check above can fail', () => {
    expect(() => execFileSync(process.execPath, ['--heap-growing-percentage=200', '-e', '0'], { stdio: 'pipe' })).to.throw(/bad option/);
  });
});
