/**
 * The behaviour every Warmline `TranscriptArchive` must show, as one mocha suite that each
 * implementation's test file runs. Not a test file itself.
 */
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import type { TranscriptArchive } from '../../storage/transcriptArchive';

/** An archive under test; `close` releases it and removes what the test stored. */
export interface TranscriptFixture {
  readonly archive: TranscriptArchive;
  close(): Promise<void>;
}

const base = Date.UTC(2025, 0, 15, 12, 0, 0);
const minute = 60_000;
const day = 24 * 60 * minute;
const fixedNow = new Date(Date.UTC(2025, 5, 1, 9, 30, 0));

/** A message activity in a conversation at `base + offsetMs` (no timestamp when offset is undefined). */
function activity(conversationId: string, id: string, offsetMs: number | undefined, channelId = 'webchat'): Activity {
  return {
    type: 'message',
    id,
    text: `text of ${id}`,
    channelId,
    conversation: { id: conversationId },
    from: { id: 'user-1', name: 'Customer' },
    recipient: { id: 'bot', name: 'Warmline' },
    ...(offsetMs === undefined ? {} : { timestamp: new Date(base + offsetMs) }),
  } as Activity;
}

/** Registers the TranscriptArchive conformance suite for one implementation. */
export function transcriptConformance(name: string, open: (now: () => Date) => Promise<TranscriptFixture>): void {
  describe(`${name} conformance`, () => {
    let fixture: TranscriptFixture;
    let archive: TranscriptArchive;

    beforeEach(async () => {
      fixture = await open(() => fixedNow);
      archive = fixture.archive;
    });
    afterEach(async () => fixture.close());

    async function allIds(conversationId: string, startDate?: Date, channelId = 'webchat'): Promise<{ ids: string[]; pages: number[] }> {
      const ids: string[] = [];
      const pages: number[] = [];
      let token: string | undefined;
      do {
        const page = await archive.getTranscriptActivities(channelId, conversationId, token, startDate);
        pages.push(page.items.length);
        ids.push(...page.items.map((a) => a.id ?? '?'));
        token = page.continuationToken;
      } while (token);
      return { ids, pages };
    }

    async function allConversations(channelId = 'webchat'): Promise<Array<{ id: string; created: number }>> {
      const found: Array<{ id: string; created: number }> = [];
      let token: string | undefined;
      do {
        const page = await archive.listTranscripts(channelId, token);
        found.push(...page.items.map((c) => ({ id: c.id, created: c.created.getTime() })));
        expect(page.items.every((c) => c.channelId === channelId)).to.equal(true);
        token = page.continuationToken;
      } while (token);
      return found;
    }

    it('returns a conversation oldest first, whatever order it was logged in, with its content', async () => {
      await archive.logActivity(activity('c1', 'second', 2 * minute));
      await archive.logActivity(activity('c1', 'first', 1 * minute));
      await archive.logActivity(activity('c1', 'third', 3 * minute));
      const page = await archive.getTranscriptActivities('webchat', 'c1');
      expect(page.items.map((a) => a.id)).to.deep.equal(['first', 'second', 'third']);
      expect(page.continuationToken).to.equal('');
      const first = page.items[0];
      expect(first?.timestamp).to.be.instanceOf(Date);
      expect(first?.timestamp?.getTime()).to.equal(base + minute);
      expect(first).to.deep.include({ text: 'text of first', type: 'message', from: { id: 'user-1', name: 'Customer' } });
    });

    it('keeps logging order for activities with the same timestamp, across pages', async () => {
      for (let i = 0; i < 25; i += 1) await archive.logActivity(activity('ties', `t${i}`, 0));
      const { ids, pages } = await allIds('ties');
      expect(pages).to.deep.equal([20, 5]);
      expect(ids).to.deep.equal(Array.from({ length: 25 }, (_, i) => `t${i}`));
    });

    it('stamps an activity without a timestamp with the current time, and does not change the caller\'s object', async () => {
      const original = activity('c1', 'no-time', undefined);
      await archive.logActivity(original);
      expect(original).not.to.have.property('timestamp');
      const page = await archive.getTranscriptActivities('webchat', 'c1');
      expect(page.items[0]?.timestamp?.getTime()).to.equal(fixedNow.getTime());
      page.items[0]!.text = 'changed by a reader';
      const again = await archive.getTranscriptActivities('webchat', 'c1');
      expect(again.items[0]?.text).to.equal('text of no-time');
    });

    it('pages 20 at a time with an opaque continuation token, ending with an empty one', async () => {
      for (let i = 0; i < 45; i += 1) await archive.logActivity(activity('long', `m${i}`, i * minute));
      const first = await archive.getTranscriptActivities('webchat', 'long');
      expect(first.items).to.have.length(20);
      expect(first.continuationToken).to.be.a('string').that.is.not.empty;
      const { ids, pages } = await allIds('long');
      expect(pages).to.deep.equal([20, 20, 5]);
      expect(ids).to.deep.equal(Array.from({ length: 45 }, (_, i) => `m${i}`));
    });

    it('returns exactly 20 activities in one page with no continuation', async () => {
      for (let i = 0; i < 20; i += 1) await archive.logActivity(activity('twenty', `m${i}`, i * minute));
      const page = await archive.getTranscriptActivities('webchat', 'twenty');
      expect(page.items).to.have.length(20);
      expect(page.continuationToken).to.equal('');
    });

    it('includes activities logged after a page was read in the next page', async () => {
      for (let i = 0; i < 21; i += 1) await archive.logActivity(activity('growing', `m${i}`, i * minute));
      const first = await archive.getTranscriptActivities('webchat', 'growing');
      await archive.logActivity(activity('growing', 'late', 30 * minute));
      const second = await archive.getTranscriptActivities('webchat', 'growing', first.continuationToken);
      expect(second.items.map((a) => a.id)).to.deep.equal(['m20', 'late']);
    });

    it('starts at startDate (inclusive), also when paging', async () => {
      for (let i = 0; i < 30; i += 1) await archive.logActivity(activity('dated', `m${i}`, i * minute));
      const { ids, pages } = await allIds('dated', new Date(base + 5 * minute));
      expect(pages).to.deep.equal([20, 5]);
      expect(ids).to.deep.equal(Array.from({ length: 25 }, (_, i) => `m${i + 5}`));
      const none = await archive.getTranscriptActivities('webchat', 'dated', undefined, new Date(base + day));
      expect(none).to.deep.equal({ items: [], continuationToken: '' });
    });

    it('keeps channels and conversations apart, even when ids contain separators', async () => {
      await archive.logActivity(activity('b:c', 'one', 0, 'a'));
      await archive.logActivity(activity('c', 'two', 0, 'a:b'));
      await archive.logActivity(activity('客户 %3A 🤖', 'three', 0, 'a'));
      expect((await allIds('b:c', undefined, 'a')).ids).to.deep.equal(['one']);
      expect((await allIds('c', undefined, 'a:b')).ids).to.deep.equal(['two']);
      expect((await allIds('客户 %3A 🤖', undefined, 'a')).ids).to.deep.equal(['three']);
      expect((await allIds('c', undefined, 'a')).ids).to.deep.equal([]);
      expect((await allConversations('a')).map((c) => c.id)).to.have.members(['b:c', '客户 %3A 🤖']);
    });

    it('returns an empty page for an unknown conversation or channel', async () => {
      expect(await archive.getTranscriptActivities('webchat', 'nobody')).to.deep.equal({ items: [], continuationToken: '' });
      expect(await archive.listTranscripts('no-such-channel')).to.deep.equal({ items: [], continuationToken: '' });
    });

    it('lists a channel\'s conversations by creation time, paged, with ties in id order', async () => {
      for (let i = 0; i < 23; i += 1) {
        await archive.logActivity(activity(`conv-${String(i).padStart(2, '0')}`, `late-${i}`, (30 + i) * minute));
        await archive.logActivity(activity(`conv-${String(i).padStart(2, '0')}`, `early-${i}`, i * minute));
      }
      await archive.logActivity(activity('tie-b', 'x', 3 * minute));
      await archive.logActivity(activity('tie-a', 'y', 3 * minute));
      await archive.logActivity(activity('elsewhere', 'z', 0, 'teams'));
      const first = await archive.listTranscripts('webchat');
      expect(first.items).to.have.length(20);
      expect(first.continuationToken).to.not.equal('');
      const listed = await allConversations();
      expect(listed).to.have.length(25);
      expect(listed.slice(0, 6)).to.deep.equal([
        { id: 'conv-00', created: base },
        { id: 'conv-01', created: base + minute },
        { id: 'conv-02', created: base + 2 * minute },
        { id: 'conv-03', created: base + 3 * minute },
        { id: 'tie-a', created: base + 3 * minute },
        { id: 'tie-b', created: base + 3 * minute },
      ]);
      expect(listed.map((c) => c.id)).not.to.include('elsewhere');
    });

    it('pages conversations created at the same moment in id order', async () => {
      for (let i = 24; i >= 0; i -= 1) await archive.logActivity(activity(`same-${String(i).padStart(2, '0')}`, `a${i}`, 0));
      const first = await archive.listTranscripts('webchat');
      expect(first.items).to.have.length(20);
      const listed = await allConversations();
      expect(listed.map((c) => c.id)).to.deep.equal(Array.from({ length: 25 }, (_, i) => `same-${String(i).padStart(2, '0')}`));
    });

    it('deletes one conversation and nothing else; deleting an unknown one is harmless', async () => {
      await archive.logActivity(activity('gone', 'a', 0));
      await archive.logActivity(activity('gone', 'b', minute));
      await archive.logActivity(activity('kept', 'c', 0));
      await archive.deleteTranscript('webchat', 'gone');
      await archive.deleteTranscript('webchat', 'never-existed');
      await archive.deleteTranscript('no-channel', 'kept');
      expect((await allIds('gone')).ids).to.deep.equal([]);
      expect((await allIds('kept')).ids).to.deep.equal(['c']);
      expect((await allConversations()).map((c) => c.id)).to.deep.equal(['kept']);
    });

    it('purges activities before the cutoff, drops emptied conversations and re-dates the rest', async () => {
      await archive.logActivity(activity('old', 'o1', -3 * day));
      await archive.logActivity(activity('old', 'o2', -2 * day));
      await archive.logActivity(activity('mixed', 'm1', -3 * day));
      await archive.logActivity(activity('mixed', 'm2', -1 * day));
      await archive.logActivity(activity('mixed', 'm3', 0));
      await archive.logActivity(activity('old', 'o3', -3 * day, 'teams'));
      await archive.logActivity(activity('edge', 'e1', -1 * day));

      const removed = await archive.purgeOlderThan(new Date(base - day));
      expect(removed).to.equal(4);
      expect((await allIds('old')).ids).to.deep.equal([]);
      expect((await allIds('mixed')).ids).to.deep.equal(['m2', 'm3']);
      expect((await allIds('edge')).ids, 'an activity exactly at the cutoff stays').to.deep.equal(['e1']);
      expect(await allConversations()).to.deep.equal([
        { id: 'edge', created: base - day },
        { id: 'mixed', created: base - day },
      ]);
      expect(await allConversations('teams')).to.deep.equal([]);
      expect(await archive.purgeOlderThan(new Date(base - day))).to.equal(0);
    });

    it('lists the channels that hold conversations, and forgets a channel once it is empty', async () => {
      expect(await archive.listChannels()).to.deep.equal([]);
      await archive.logActivity(activity('c1', 'a', 0));
      await archive.logActivity(activity('c2', 'b', 0, 'msteams'));
      await archive.logActivity(activity('c3', 'c', 0, 'a:b'));
      expect((await archive.listChannels()).sort()).to.deep.equal(['a:b', 'msteams', 'webchat']);
      await archive.deleteTranscript('msteams', 'c2');
      expect((await archive.listChannels()).sort()).to.deep.equal(['a:b', 'webchat']);
    });

    it('removes only the activities that match, keeps the others in order, and re-dates the conversation', async () => {
      for (let i = 0; i < 25; i += 1) await archive.logActivity(activity('mixed', `m${i}`, i * minute));
      await archive.logActivity(activity('other', 'o1', 0));
      const removed = await archive.removeActivities('webchat', 'mixed', (a) => Number(a.id?.slice(1)) % 2 === 0 && a.timestamp instanceof Date);
      expect(removed).to.equal(13);
      expect((await allIds('mixed')).ids).to.deep.equal(Array.from({ length: 12 }, (_, i) => `m${2 * i + 1}`));
      expect((await allConversations()).find((c) => c.id === 'mixed')).to.deep.equal({ id: 'mixed', created: base + minute });
      expect((await allIds('other')).ids).to.deep.equal(['o1']);
      expect(await archive.removeActivities('webchat', 'mixed', () => false)).to.equal(0);
      expect(await archive.removeActivities('webchat', 'nobody', () => true)).to.equal(0);
    });

    it('drops a conversation, and its channel, when every activity is removed', async () => {
      await archive.logActivity(activity('only', 'x', 0, 'msteams'));
      await archive.logActivity(activity('only', 'y', minute, 'msteams'));
      expect(await archive.removeActivities('msteams', 'only', (a) => a.text?.startsWith('text of') === true)).to.equal(2);
      expect(await allConversations('msteams')).to.deep.equal([]);
      expect(await archive.listChannels()).to.deep.equal([]);
    });

    it('rejects bad arguments and foreign continuation tokens with coded errors', async () => {
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['WL_STORAGE_INVALID_ARGUMENT', () => archive.getTranscriptActivities('', 'c')],
        ['WL_STORAGE_INVALID_ARGUMENT', () => archive.getTranscriptActivities('webchat', undefined as unknown as string)],
        ['WL_STORAGE_INVALID_ARGUMENT', () => archive.getTranscriptActivities('webchat', 'c', undefined, new Date('nonsense'))],
        ['WL_STORAGE_INVALID_ARGUMENT', () => archive.listTranscripts('')],
        ['WL_STORAGE_INVALID_ARGUMENT', () => archive.deleteTranscript('webchat', '')],
        ['WL_STORAGE_INVALID_ARGUMENT', () => Promise.resolve(archive.logActivity({ type: 'message', channelId: 'webchat' } as Activity))],
        ['WL_STORAGE_INVALID_ARGUMENT', () => Promise.resolve(archive.logActivity(undefined as unknown as Activity))],
        ['WL_STORAGE_INVALID_ARGUMENT', () => archive.purgeOlderThan(new Date('nonsense'))],
        ['WL_STORAGE_INVALID_ARGUMENT', () => archive.removeActivities('', 'c', () => true)],
        ['WL_STORAGE_INVALID_ARGUMENT', () => archive.removeActivities('webchat', '', () => true)],
        ['WL_STORAGE_BAD_CONTINUATION_TOKEN', () => archive.getTranscriptActivities('webchat', 'c', 'not-a-token')],
        ['WL_STORAGE_BAD_CONTINUATION_TOKEN', () => archive.listTranscripts('webchat', 'not-a-token')],
      ];
      for (const [code, call] of calls) {
        const error = await call().then(() => undefined, (e: unknown) => e);
        expect(error, String(call)).to.be.instanceOf(TypeError).and.have.property('code', code);
      }
    });
  });
}
