import { expect } from 'chai';
import { csvField } from '../../analytics/summaryCsv';

describe('analytics/summaryCsv: fields a spreadsheet reads safely', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain words')).to.equal('plain words');
    expect(csvField('a, "b"\nc')).to.equal('"a, ""b""\nc"');
    expect(csvField('=HYPERLINK("x")')).to.equal(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-5 off?')).to.equal("'-5 off?");
    expect(csvField(null)).to.equal('');
    expect(csvField(-0.5)).to.equal('-0.5');
    expect(csvField(2 / 3)).to.equal('0.6667');
  });
});
