import { expect } from 'chai';
import { RecentAnswers } from '../../handoff/recentAnswers';
import { AgentRequestMatcher } from '../../handoff/agentRequestMatcher';

describe('RecentAnswers: a matcher answers a repeated message from memory', () => {
  it('computes each message once while it is among the last ones asked, then again once forgotten', () => {
    const computed: string[] = [];
    const recent = new RecentAnswers<boolean>(2);
    const ask = (text: string): boolean =>
      recent.of(text, (t) => {
        computed.push(t);
        return t.includes('person');
      });
    expect(ask('a person please')).to.equal(true);
    expect(ask('a person please')).to.equal(true);
    expect(ask('where is my order')).to.equal(false);
    expect(ask('where is my order')).to.equal(false);
    expect(computed).to.deep.equal(['a person please', 'where is my order']);
    ask('third');
    // The oldest was dropped to keep two.
    expect(ask('a person please')).to.equal(true);
    expect(computed).to.deep.equal(['a person please', 'where is my order', 'third', 'a person please']);
  });

  it('remembers false answers too, and keeps the matcher answering the same', () => {
    const matcher = new AgentRequestMatcher([]);
    for (let i = 0; i < 3; i++) {
      expect(matcher.matches('I want to talk to a human')).to.equal(true);
      expect(matcher.matches('How long will delivery take?')).to.equal(false);
      expect(matcher.matches('我要人工客服')).to.equal(true);
    }
  });
});
