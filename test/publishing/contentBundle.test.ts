import { expect } from 'chai';
import { bundleId, isContentKind, normaliseBundle } from '../../publishing/contentBundle';
import { PublishingError } from '../../publishing/publishingErrors';

describe('content bundles', () => {
  it('sorts the files by path and reads Windows line ends as \\n, so the same files get the same id', () => {
    const files = normaliseBundle('flows', [{ path: 'b.yaml', text: 'x\r\ny\r\n' }, { path: 'a/c.yaml', text: '你好' }]);
    expect(files).to.deep.equal([{ path: 'a/c.yaml', text: '你好' }, { path: 'b.yaml', text: 'x\ny\n' }]);
    expect(bundleId(files)).to.match(/^[0-9a-f]{16}$/);
    expect(bundleId(normaliseBundle('flows', [{ path: 'a/c.yaml', text: '你好' }, { path: 'b.yaml', text: 'x\ny\n' }]))).to.equal(bundleId(files));
    expect(bundleId(normaliseBundle('flows', [{ path: 'b.yaml', text: 'x\ny\n' }]))).to.not.equal(bundleId(files));
  });

  it('lists every bad path at once', () => {
    const bad = ['/etc/passwd', 'a//b.yaml', './a.yaml', 'a/../b.yaml', 'C:/x.yaml', 'tab\there.yaml', '', 'x'.repeat(300)];
    let error: unknown;
    try {
      normaliseBundle('knowledge', bad.map((path) => ({ path, text: '' })));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(PublishingError);
    const message = (error as Error).message;
    expect(message).to.match(/^These knowledge files cannot be stored/);
    expect(message.split('; ')).to.have.length(bad.length);
    expect(() => normaliseBundle('flows', 'files' as never)).to.throw(/a list of \{ path, text \}/);
  });

  it('knows the six kinds of admin content', () => {
    expect(['flows', 'knowledge', 'routing', 'agents', 'offers', 'messages'].every(isContentKind)).to.equal(true);
    expect(isContentKind('topics')).to.equal(false);
  });
});
