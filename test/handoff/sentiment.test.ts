import { expect } from 'chai';
import fc from 'fast-check';
import { scoreSentiment } from '../../handoff/sentiment';

/** The default `negativeThreshold` of the routing settings: at or below it a message counts as negative. */
const negative = -0.3;

describe('scoreSentiment', () => {
  it('scores neutral questions about 0, in English and Chinese', () => {
    const questions = [
      'Where is my order?',
      'How do I reset my password?',
      'Can I pay with PayPal?',
      'What time do you open on Saturday?',
      'I have a question about my invoice',
      '什么时候发货？',
      '可以退货吗',
      '我的快递到哪了',
      '差不多什么时候到？',
      '我下周出差，能改地址吗',
    ];
    const off = questions.filter((q) => Math.abs(scoreSentiment(q)) > 0.05);
    expect(off).to.deep.equal([]);
  });

  it('orders angry below neutral below happy, in both languages', () => {
    const ladders = [
      ['This is useless, what a waste of time', 'Where is my order?', 'Thanks, that was really helpful'],
      ['垃圾，太差了', '我的快递到哪了', '太好了，谢谢'],
    ];
    for (const [angry = '', neutral = '', happy = ''] of ladders) {
      expect(scoreSentiment(angry), angry).to.be.below(scoreSentiment(neutral));
      expect(scoreSentiment(neutral), neutral).to.be.below(scoreSentiment(happy));
    }
  });

  it('puts every frustration marker at or below the default negative threshold', () => {
    const markers = [
      'useless',
      'This is ridiculous',
      'what a waste of time',
      'It is still not working',
      'This is the third time I ask',
      "I'm fed up",
      '垃圾',
      '没用',
      '气死我了',
      '太差了',
      '还是不行',
      '骗子',
      '非常不满意',
    ];
    const mild = markers.filter((m) => scoreSentiment(m) > negative);
    expect(mild).to.deep.equal([]);
  });

  it('scores thanks and praise clearly positive', () => {
    const kind = ['thanks', 'Great, thank you', 'perfect', '谢谢', '太好了', '非常满意'];
    expect(kind.filter((k) => scoreSentiment(k) < 0.3)).to.deep.equal([]);
  });

  it('flips a negated word: "not happy", "不满意", "不太满意"', () => {
    expect(scoreSentiment('I am happy')).to.be.above(0);
    expect(scoreSentiment('I am not happy')).to.be.at.most(negative);
    expect(scoreSentiment("I'm not satisfied with this")).to.be.below(0);
    expect(scoreSentiment('满意')).to.be.above(0);
    expect(scoreSentiment('不满意')).to.be.at.most(negative);
    expect(scoreSentiment('不太满意')).to.be.below(0);
    expect(scoreSentiment('不是很好')).to.be.below(0);
    expect(scoreSentiment('not bad')).to.be.above(scoreSentiment('bad'));
  });

  it('reads a polite "no thanks" as neutral, not as negated thanks', () => {
    expect(scoreSentiment('no thanks')).to.equal(0);
    expect(scoreSentiment('thanks for nothing')).to.be.at.most(negative);
  });

  it('strengthens a word after an intensifier: "very", "非常", "太"', () => {
    expect(scoreSentiment('very angry')).to.be.below(scoreSentiment('angry'));
    expect(scoreSentiment('非常不满意')).to.be.below(scoreSentiment('不满意'));
    expect(scoreSentiment('太慢了')).to.be.below(scoreSentiment('慢'));
    expect(scoreSentiment('very helpful')).to.be.above(scoreSentiment('helpful'));
  });

  it('strengthens sentiment with exclamation marks, full-width ones too, but leaves a neutral message neutral', () => {
    expect(scoreSentiment('This is useless!!!')).to.be.below(scoreSentiment('This is useless'));
    expect(scoreSentiment('还是不行！！')).to.be.below(scoreSentiment('还是不行'));
    expect(scoreSentiment('Thanks!!')).to.be.above(scoreSentiment('Thanks'));
    expect(scoreSentiment('Where is my order!!!')).to.equal(0);
  });

  it('reads ALL CAPS as shouting', () => {
    expect(scoreSentiment('USELESS')).to.be.below(scoreSentiment('useless'));
    expect(scoreSentiment('WHERE IS MY ORDER')).to.be.below(0);
    expect(scoreSentiment('Is the FAQ page up to date?')).to.equal(0);
  });

  it('reads English and Chinese in one message', () => {
    expect(scoreSentiment('谢谢, great help')).to.be.above(scoreSentiment('great help'));
    expect(scoreSentiment('useless 垃圾')).to.be.below(scoreSentiment('useless'));
  });

  it('always returns a finite score within −1…1', () => {
    const words = ['not', 'very', 'USELESS', 'thanks', 'no', 'great', '!!!', '不', '非常', '太', '满意', '垃圾', '谢谢', '！', ' ', ','];
    const fragments = fc.array(fc.constantFrom(...words), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fragments), (text) => {
        const score = scoreSentiment(text);
        return Number.isFinite(score) && score >= -1 && score <= 1;
      }),
    );
    expect(scoreSentiment('USELESS!!!! WORST SCAM EVER, I HATE THIS, 垃圾骗子气死了！！！')).to.be.within(-1, -0.9);
  });
});
