import { expect } from 'chai';
import { linesWhileWaiting, mergeLines, mergeNotes } from '../../../../web/agent/src/conversation/conversationLines';
import type { ConversationLine } from '../../../../web/agent/src/agentApi';

const line = (id: string, second: number, from: ConversationLine['from'] = 'customer', text = id): ConversationLine => ({ id, at: new Date(Date.UTC(2026, 11, 6, 9, 0, second)).toISOString(), from, text });

describe('agent workspace conversation lines', () => {
  it('merges a refetch with what events brought: every line once, in time order', () => {
    const fromEvents = [line('a', 1), line('c', 3)];
    const refetched = [line('a', 1), line('b', 2), line('c', 3), line('d', 4)];
    expect(mergeLines(fromEvents, refetched).map((l) => l.id)).to.deep.equal(['a', 'b', 'c', 'd']);
    // The same line twice in one batch (event and answer to the send) is kept once.
    expect(mergeLines([], [line('x', 5), line('x', 5)]).map((l) => l.id)).to.deep.equal(['x']);
  });

  it('keeps the very same list when nothing is new, so the page does not redraw', () => {
    const known = [line('a', 1)];
    expect(mergeLines(known, [line('a', 1)])).to.equal(known);
  });

  it('merges notes by time, author and text', () => {
    const note = { at: '2026-12-06T09:00:00.000Z', agentName: 'Ana', text: 'VIP, be quick' };
    expect(mergeNotes([note], [note, { ...note, text: 'second' }]).map((n) => n.text)).to.deep.equal(['VIP, be quick', 'second']);
  });

  it('finds what the customer wrote while waiting: after the handoff, before the agent took them', () => {
    const lines = [line('before', 1), line('bot', 2, 'bot'), line('waiting', 3), line('after', 6)];
    const asked = line('', 2).at;
    const assigned = line('', 5).at;
    expect(linesWhileWaiting(lines, asked, assigned).map((l) => l.id)).to.deep.equal(['waiting']);
  });
});
