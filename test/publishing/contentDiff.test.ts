import { expect } from 'chai';
import { describeDiff, diffBundles } from '../../publishing/contentDiff';

describe('diffBundles', () => {
  it('lists files added, removed and changed with the lines that came and went', () => {
    const before = [{ path: 'a.yaml', text: 'one\ntwo\nthree\n' }, { path: 'gone.yaml', text: 'x\ny' }];
    const after = [{ path: 'a.yaml', text: 'one\n2\nthree\nfour\n' }, { path: 'new.yaml', text: 'n\n' }];
    const diff = diffBundles(before, after);
    expect(diff).to.deep.equal({
      added: [{ path: 'new.yaml', linesAdded: 1, linesRemoved: 0 }],
      removed: [{ path: 'gone.yaml', linesAdded: 0, linesRemoved: 2 }],
      changed: [{ path: 'a.yaml', linesAdded: 2, linesRemoved: 1 }],
      linesAdded: 3,
      linesRemoved: 3,
    });
    expect(describeDiff(diff)).to.equal('1 added, 1 removed, 1 changed (+3 −3 lines)');
  });

  it('counts every file as added on a first publish, and a line that only moved as unchanged', () => {
    expect(diffBundles(undefined, [{ path: 'a.yaml', text: '' }]).added).to.deep.equal([{ path: 'a.yaml', linesAdded: 0, linesRemoved: 0 }]);
    const moved = diffBundles([{ path: 'a.yaml', text: 'x\ny\nx\n' }], [{ path: 'a.yaml', text: 'y\nx\nx\n' }]);
    expect(moved.changed).to.deep.equal([{ path: 'a.yaml', linesAdded: 0, linesRemoved: 0 }]);
    expect(describeDiff(diffBundles([{ path: 'a', text: 'q' }], [{ path: 'a', text: 'q' }]))).to.equal('no changes');
  });
});
