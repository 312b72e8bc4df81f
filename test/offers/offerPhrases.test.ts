import { expect } from 'chai';
import { readOfferPreference } from '../../offers/offerPhrases';

function expectEach(texts: readonly string[], preference: ReturnType<typeof readOfferPreference>): void {
  for (const text of texts) expect(readOfferPreference(text), text).to.equal(preference);
}

describe('readOfferPreference', () => {
  it('reads an English opt-out, with curly apostrophes, capitals, punctuation and extra words', () => {
    expectEach(
      [
        "don't show me offers",
        'Don’t show me offers',
        'DON’T SHOW ME OFFERS!',
        'please stop sending me offers',
        'Stop sending me offers!!',
        'No more offers, thanks.',
        'I don’t want offers',
        'unsubscribe',
        'no marketing please',
      ],
      'opt-out',
    );
  });

  it('reads "don\'t show me offers" as an opt-out, though it contains "show me offers"', () => {
    expect(readOfferPreference("Don't show me offers")).to.equal('opt-out');
    expect(readOfferPreference('do not send me offers')).to.equal('opt-out');
  });

  it('reads a Chinese opt-out, with extra words and punctuation', () => {
    expectEach(['不要再给我推荐', '请不要再给我推荐了！', '不再接收优惠', '我要退订', '以后不要推销了', '停止推送'], 'opt-out');
  });

  it('reads an opt-in in English and Chinese', () => {
    expectEach(['show me offers', 'Show me offers please', 'I’d like offers again', 'Opt back in', 'resume offers'], 'opt-in');
    expectEach(['重新接收优惠', '我想重新接收优惠。', '恢复推荐', '我想看优惠'], 'opt-in');
  });

  it('reads nothing into ordinary questions, even ones about offers', () => {
    expectEach(
      ['do you have any offers on headphones?', 'how do I return an item', 'Do you have offers?', 'where is my order', '我的订单在哪', '有什么优惠吗', '这个优惠还有吗', ''],
      undefined,
    );
  });

  it('never reads a refusal or a complaint about offers as an opt-in', () => {
    for (const text of ['Please never send me offers', 'never show me offers again', 'I told you not to send me offers', 'Why am I getting offers again?']) {
      expect(readOfferPreference(text), text).to.not.equal('opt-in');
    }
    expectEach(['Please never send me offers', 'never show me offers again', 'I told you not to send me offers'], 'opt-out');
  });

  it('reads everyday refusals with words inside the phrase as an opt-out', () => {
    expectEach(
      ["don't send me any offers", 'stop sending me any more offers', "please don't show me any offers", "I don't want any more offers", '我不想要优惠了', '以后别给我发优惠了', '别再给我发广告', '不需要推荐'],
      'opt-out',
    );
  });
});
