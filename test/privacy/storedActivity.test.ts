import { expect } from 'chai';
import { storedActivityCopy, storedActivityLimits } from '../../privacy/storedActivity';

const base = {
  type: 'message',
  id: 'a1',
  channelId: 'directline',
  timestamp: new Date('2026-12-01T10:00:00Z'),
  from: { id: 'user-1', name: 'Mei', role: 'user', extra: 'dropped' },
  recipient: { id: 'bot', name: 'Warmline' },
  conversation: { id: 'c1', conversationType: 'personal' },
  locale: 'en-US',
};

describe('storedActivityCopy', () => {
  it('keeps who, where and when, masks the text, and leaves unknown fields out', () => {
    const copy = storedActivityCopy({ ...base, text: 'my pin 1234 and card 4111-1111-1111-1111', somethingElse: { big: true } });
    expect(copy).to.deep.equal({
      type: 'message',
      id: 'a1',
      channelId: 'directline',
      locale: 'en-US',
      timestamp: base.timestamp,
      text: 'my pin •••••• and card •••• 1111',
      from: { id: 'user-1', name: 'Mei', role: 'user' },
      recipient: { id: 'bot', name: 'Warmline' },
      conversation: { id: 'c1', conversationType: 'personal' },
    });
  });

  it('keeps small channel data and values, masked, and leaves large ones out with their size', () => {
    const small = storedActivityCopy({ ...base, channelData: { clientActivityID: 'x1', note: 'password: s3cret!' }, value: { warmline: 'faq.choose', entryId: '5' } });
    expect(small.channelData).to.deep.equal({ clientActivityID: 'x1', note: 'password: ••••••' });
    expect(small.value).to.deep.equal({ warmline: 'faq.choose', entryId: '5' });
    const blob = 'y'.repeat(storedActivityLimits.smallJsonBytes);
    const large = storedActivityCopy({ ...base, channelData: { blob } });
    expect(large.channelData).to.deep.equal({ omitted: true, bytes: blob.length + 11 });
  });

  it('cuts a long text with "…", never in the middle of an emoji, and cuts long names', () => {
    const text = `${'a'.repeat(storedActivityLimits.textChars - 2)}🤖🤖🤖`;
    const copy = storedActivityCopy({ ...base, text, from: { id: 'u', name: 'n'.repeat(5000) } });
    expect(copy.text).to.equal(`${'a'.repeat(storedActivityLimits.textChars - 2)}…`);
    expect((copy.from as { name: string }).name).to.have.length(storedActivityLimits.shortChars);
  });

  it('keeps attachments without inline data, and drops the optional parts first when the whole is too large', () => {
    const card = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'z'.repeat(storedActivityLimits.contentBytes - 200) }] };
    const copy = storedActivityCopy({ ...base, text: 'see the cards', attachments: [1, 2, 3].map(() => ({ contentType: 'application/vnd.microsoft.card.adaptive', content: card })) });
    expect(Buffer.byteLength(JSON.stringify(copy))).to.be.at.most(storedActivityLimits.activityBytes);
    expect(copy.text).to.equal('see the cards');
    expect(copy.attachments).to.have.property('omitted', true);
    const one = storedActivityCopy({ ...base, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card, contentUrl: 'data:,abc' }] });
    expect(one.attachments).to.deep.equal([{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: { omitted: true, bytes: 11 }, content: card }]);
  });

  it('drops optional parts before the text, and cuts the text last when it alone is too large', () => {
    const copy = storedActivityCopy({ ...base, text: '汉'.repeat(storedActivityLimits.textChars), speak: '汉'.repeat(storedActivityLimits.textChars), summary: 'card 4111 1111 1111 1111' });
    expect(Buffer.byteLength(JSON.stringify(copy))).to.be.at.most(storedActivityLimits.activityBytes);
    expect(copy.speak).to.have.property('omitted', true);
    expect(copy.summary).to.equal('card •••• 1111');
    expect(copy.text).to.equal('汉'.repeat(storedActivityLimits.textChars));
    // Control characters take six bytes each in JSON: the text itself is over the cap.
    const bells = storedActivityCopy({ ...base, text: '\u0007'.repeat(storedActivityLimits.textChars) });
    expect(Buffer.byteLength(JSON.stringify(bells))).to.be.at.most(storedActivityLimits.activityBytes);
    const kept = String(bells.text);
    expect(kept.endsWith('…') && kept.length > 1000 && [...kept.slice(0, -1)].every((c) => c === '\u0007')).to.equal(true);
  });
});
