import { expect } from 'chai';
import { maskSensitive, passesLuhn } from '../../privacy/sensitiveData';

describe('maskSensitive', () => {
  it('masks card numbers that pass the Luhn check, keeping the last four digits', () => {
    const r = maskSensitive('my card 4111 1111 1111 1111 was charged twice');
    expect(r.text).to.equal('my card •••• 1111 was charged twice');
    expect(r.found).to.deep.equal(['card']);
    expect(maskSensitive('卡号4111-1111-1111-1111被扣款').text).to.equal('卡号•••• 1111被扣款');
  });

  it('leaves order numbers of card length alone when they are not card numbers', () => {
    expect(maskSensitive('order 1234567890123 is late').text).to.equal('order 1234567890123 is late');
  });

  it('masks passwords in English and Chinese', () => {
    expect(maskSensitive('my password is Hunter2!').text).to.equal('my password is ••••••');
    expect(maskSensitive('密码是abc12345，登不上').text).to.equal('密码是••••••，登不上');
    expect(maskSensitive('PIN: 1234').found).to.deep.equal(['password']);
  });

  it('does not take words that contain "pin" or talk about passwords for a password', () => {
    for (const text of ['how many days is shipping', 'I need a password reset link', 'spinning wheel', '怎么修改密码']) {
      expect(maskSensitive(text).text).to.equal(text);
    }
    expect(maskSensitive('password hunter2').text).to.equal('password ••••••');
  });

  it('masks e-mail addresses, phone numbers and identity numbers', () => {
    expect(maskSensitive('write to alice.smith@example.com').text).to.equal('write to a•••@example.com');
    expect(maskSensitive('call me on +86 138 0013 8000').text).to.equal('call me on •••000');
    expect(maskSensitive('电话13800138000').text).to.equal('电话•••000');
    expect(maskSensitive('身份证 11010519491231002X').text).to.equal('身份证 11••••••••••••002X');
  });

  it('keeps the kinds an agent needs readable and still masks card numbers', () => {
    const masked = maskSensitive('card 4111 1111 1111 1111, mail bo@example.com, phone 13800138000', { keep: ['email', 'phone'] });
    expect(masked.text).to.equal('card •••• 1111, mail bo@example.com, phone 13800138000');
    expect(masked.found).to.deep.equal(['card']);
  });

  it('masks a card number followed by more digits', () => {
    expect(maskSensitive('卡号 4111111111111111 11月20日扣款').text).to.equal('卡号 •••• 1111 11月20日扣款');
    expect(maskSensitive('card 4111 1111 1111 1111 12 times').text).to.equal('card •••• 1111 12 times');
    expect(maskSensitive('order 1234 4111 1111 1111 1111').text).to.equal('order 1234 •••• 1111');
  });

  it('leaves ordinary text, prices and dates alone', () => {
    const text = 'I paid 199.00 on 2026-11-20 for order A1234, 3 items';
    expect(maskSensitive(text)).to.deep.equal({ text, found: [] });
  });

  it('checks Luhn', () => {
    expect(passesLuhn('4111111111111111')).to.equal(true);
    expect(passesLuhn('4111111111111112')).to.equal(false);
  });
});
