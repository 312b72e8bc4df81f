/**
 * The bot counts a message's length as the local Direct Line does (code points, locale/textLength),
 * so emoji at the limit are read, not refused as too long.
 */
import { expect } from 'chai';
import { botResponses } from '../../bots/responses';
import { botHarness } from '../support/botHarness';
import type { Party } from '../support/botHarness';

describe('WarmlineBot message length', () => {
  const party: Party = { userId: 'user1', conversationId: 'conv1', channelId: 'directline' };

  it('reads 2,000 emoji (the limit) and refuses 2,001, counting each emoji as one character', async () => {
    const h = botHarness();
    const tooLong = botResponses['en-US'].tooLong(2000);
    expect((await h.say(party, '👍'.repeat(2000))).texts('conv1')).to.not.include(tooLong);
    expect((await h.say(party, '👍'.repeat(2001))).texts('conv1')).to.deep.equal([tooLong]);
  });
});
