import { expect } from 'chai';
import { ContentDrafts, StaleDraftError } from '../../publishing/contentDrafts';
import { ContentVersions } from '../../publishing/contentVersions';
import { DraftPublisher } from '../../publishing/draftPublisher';
import type { ContentFile } from '../../publishing/contentBundle';
import { PublishingError } from '../../publishing/publishingErrors';
import { describeEachStore, testClock } from '../support/handoffStores';

const greeting = (text: string): ContentFile => ({ path: 'greeting.yaml', text: `kind: AdaptiveDialog\ntext: ${text}\n` });
const order: ContentFile = { path: 'order.yaml', text: 'kind: AdaptiveDialog\n' };

describeEachStore('ContentDrafts and DraftPublisher', (stores) => {
  it('composes a draft over the published files: changed, added and deleted files; a change back to the published text leaves no draft', async () => {
    const versions = new ContentVersions(stores().store);
    await versions.publish('flows', [greeting('Hello'), order], 'seed', () => []);
    const drafts = new ContentDrafts(stores().store, versions, { now: testClock().now });
    expect(await drafts.get('flows')).to.equal(undefined);
    await drafts.put('flows', 'greeting.yaml', 'kind: AdaptiveDialog\r\ntext: Hi\r\n', 'ed');
    await drafts.put('flows', 'new.yaml', 'kind: AdaptiveDialog\n', 'ed');
    await drafts.put('flows', 'order.yaml', null, 'mei');
    const composed = await drafts.compose('flows');
    expect(composed.files).to.deep.equal([{ path: 'greeting.yaml', text: 'kind: AdaptiveDialog\ntext: Hi\n' }, { path: 'new.yaml', text: 'kind: AdaptiveDialog\n' }]);
    expect(composed.changes.map((c) => [c.path, c.text === null, c.updatedBy])).to.deep.equal([
      ['greeting.yaml', false, 'ed'],
      ['new.yaml', false, 'ed'],
      ['order.yaml', true, 'mei'],
    ]);
    // Another instance sees the same draft.
    expect((await new ContentDrafts(stores().other, new ContentVersions(stores().other)).changedKinds())).to.deep.equal(['flows']);
    await drafts.revert('flows', 'new.yaml');
    await drafts.put('flows', 'order.yaml', order.text, 'mei');
    expect(await drafts.put('flows', 'greeting.yaml', greeting('Hello').text, 'ed')).to.equal(undefined);
    expect(await drafts.changedKinds()).to.deep.equal([]);
  });

  it('refuses a stale If-Match and a bad path or name, and keeps both writers’ changes without one', async () => {
    const versions = new ContentVersions(stores().store);
    const drafts = new ContentDrafts(stores().store, versions);
    const first = await drafts.put('routing', 'routing.yaml', 'a: 1\n', 'ed');
    await drafts.put('routing', 'routing.yaml', 'a: 2\n', 'mei', first?.eTag);
    try {
      await drafts.put('routing', 'routing.yaml', 'a: 3\n', 'ed', first?.eTag);
      expect.fail('a stale eTag was accepted');
    } catch (error) {
      expect(error).to.be.instanceOf(StaleDraftError);
    }
    for (const bad of ['../x.yaml', '/etc/passwd', '']) {
      try {
        await drafts.put('routing', bad, 'a: 1\n', 'ed');
        expect.fail(`path ${bad} was accepted`);
      } catch (error) {
        expect(error).to.be.instanceOf(PublishingError);
      }
    }
    try {
      await drafts.put('routing', 'routing.yaml', 'a: 1\n', ' ');
      expect.fail('an empty name was accepted');
    } catch (error) {
      expect(error).to.be.instanceOf(PublishingError);
    }
    const a = new ContentDrafts(stores().store, versions);
    const b = new ContentDrafts(stores().other, new ContentVersions(stores().other));
    await Promise.all([a.put('messages', 'en-US.yaml', 'x: 1\n', 'ed'), b.put('messages', 'zh-CN.yaml', 'x: 1\n', 'mei')]);
    expect((await a.compose('messages')).files.map((f) => f.path)).to.deep.equal(['en-US.yaml', 'zh-CN.yaml']);
  });

  it('publishes every changed kind or none: a problem in one blocks all, and a publish clears the drafts', async () => {
    const versions = new ContentVersions(stores().store);
    await versions.publish('flows', [greeting('Hello')], 'seed', () => []);
    const drafts = new ContentDrafts(stores().store, versions);
    const badWord = (files: readonly ContentFile[]) => files.filter((f) => f.text.includes('BAD')).map((f) => ({ file: f.path, line: 2, message: 'bad word' }));
    const publisher = new DraftPublisher(drafts, versions, () => ({}), badWord);
    expect(await publisher.publish('ada')).to.deep.equal({ status: 'nothing-to-publish' });
    await drafts.put('flows', 'greeting.yaml', 'kind: AdaptiveDialog\ntext: BAD\n', 'ed');
    await drafts.put('messages', 'en-US.yaml', 'not: a catalogue\n', 'ed');
    const rejected = await publisher.publish('ada');
    expect(rejected.status).to.equal('rejected');
    const kinds = rejected.status === 'rejected' ? [...new Set(rejected.problems.map((p) => p.kind))] : [];
    expect(kinds).to.have.members(['flows', 'messages']);
    expect((await versions.published('flows'))?.files).to.deep.equal([greeting('Hello')]);
    await drafts.discard('messages');
    await drafts.put('flows', 'greeting.yaml', greeting('Hi').text, 'ed');
    const done = await publisher.publish('ada');
    expect(done.status).to.equal('published');
    expect((await versions.published('flows'))?.files).to.deep.equal([greeting('Hi')]);
    expect(await drafts.changedKinds()).to.deep.equal([]);
    expect((await versions.audit('flows', 1))[0]).to.include({ action: 'publish', who: 'ada' });
  });

  it('does not overwrite a version someone published after the draft was started', async () => {
    const versions = new ContentVersions(stores().store);
    await versions.publish('flows', [greeting('Hello')], 'seed', () => []);
    const drafts = new ContentDrafts(stores().store, versions);
    await drafts.put('flows', 'greeting.yaml', greeting('Draft').text, 'ed');
    await versions.publish('flows', [greeting('From the CLI')], 'ops', () => []);
    const publisher = new DraftPublisher(drafts, versions, () => ({}), () => []);
    const result = await publisher.publish('ada');
    expect(result.status).to.equal('rejected');
    expect(result.status === 'rejected' && result.problems[0]).to.include({ kind: 'flows', code: 'WL_CONTENT_CHANGED_MEANWHILE' });
    expect((await versions.published('flows'))?.files).to.deep.equal([greeting('From the CLI')]);
  });
});
