import { expect } from 'chai';
import { englishPlaceAt, homeCountryCode, isChinesePlace, isCountryCode, placeFeature, useHomeCountry } from '../../knowledge/placeNames';
import { foldText } from '../../knowledge/textNormalizer';

const words = (text: string): string[] => foldText(text, 'en-US').split(' ');

describe('placeNames', () => {
  it('finds English country names of one or more words, and the longest one where several start', () => {
    const w = words('Can I use my card in Thailand or the United States of America?');
    expect(englishPlaceAt(w, w.indexOf('thailand'))).to.equal(1);
    expect(englishPlaceAt(w, w.indexOf('united'))).to.equal(4);
    expect(englishPlaceAt(w, w.indexOf('card'))).to.equal(0);
    const k = words('shipping to South Korea and New Zealand');
    expect(englishPlaceAt(k, k.indexOf('south'))).to.equal(2);
    expect(englishPlaceAt(k, k.indexOf('new'))).to.equal(2);
  });

  it('takes "abroad" words as a place, and names folded without accents', () => {
    for (const text of ['do you ship abroad', 'overseas delivery', 'an international transfer', 'sending it to Côte d’Ivoire', 'sending it to cote divoire', 'Curaçao', 'curacao']) {
      const w = words(text);
      expect(w.some((_, at) => englishPlaceAt(w, at) > 0), text).to.equal(true);
    }
  });

  it('never takes ordinary words that are also names for a country', () => {
    for (const text of ['contact us', 'can you help us', 'a turkey for Christmas', 'a football jersey', 'fine china plates', 'delivery within mainland China', 'a new order', 'the south entrance']) {
      const w = words(text);
      expect(w.some((_, at) => englishPlaceAt(w, at) > 0), text).to.equal(false);
    }
  });

  it('knows Chinese country names and words for abroad as whole words only', () => {
    for (const word of ['美国', '泰国', '澳大利亚', '德国', '国外', '海外', '境外']) expect(isChinesePlace(word), word).to.equal(true);
    for (const word of ['法', '国', '退货', '美', '国家', '中国']) expect(isChinesePlace(word), word).to.equal(false);
  });

  it('treats the home country the operator sets as home, and China as a country then', () => {
    const named = (text: string): boolean => words(text).some((_, at, w) => englishPlaceAt(w, at) > 0);
    expect(homeCountryCode()).to.equal('CN');
    try {
      useHomeCountry('us');
      expect(homeCountryCode()).to.equal('US');
      expect(named('do you ship to the United States')).to.equal(false);
      expect(named('shipping within the USA')).to.equal(false);
      expect(named('do you ship to China')).to.equal(true);
      expect(isChinesePlace('美国')).to.equal(false);
      expect(isChinesePlace('中国')).to.equal(true);
      expect(() => useHomeCountry('XX')).to.throw(/"XX" is not an ISO 3166 country code/);
      expect(homeCountryCode()).to.equal('US');
    } finally {
      useHomeCountry('CN');
    }
    expect(named('do you ship to China')).to.equal(false);
    expect(named('do you ship to the United States')).to.equal(true);
    expect(isCountryCode('gb')).to.equal(true);
    expect(isCountryCode('UK')).to.equal(false);
  });

  it('uses a class word that no normalised text can contain', () => {
    expect(foldText(placeFeature, 'en-US')).to.not.include(placeFeature);
    expect(foldText(placeFeature, 'zh-CN')).to.not.include(placeFeature);
  });
});
