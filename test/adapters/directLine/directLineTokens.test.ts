import { expect } from 'chai';
import { DirectLineError } from '../../../adapters/directLine/directLineErrors';
import { DirectLineTokens, assertConversationAccess } from '../../../adapters/directLine/directLineTokens';

describe('DirectLineTokens', () => {
  const secret = 'unit-secret-0123456789abcdef';
  let nowMs: number;
  let tokens: DirectLineTokens;

  beforeEach(() => {
    nowMs = Date.UTC(2025, 0, 1, 12, 0, 0);
    tokens = new DirectLineTokens(secret, 60, () => new Date(nowMs));
  });

  const codeOf = (fn: () => unknown): string | undefined => {
    try {
      fn();
      return undefined;
    } catch (err) {
      return err instanceof DirectLineError ? err.code : 'not a DirectLineError';
    }
  };

  it('verifies what it issued: conversation, user, token generation and lifetime', () => {
    const issued = tokens.issue('conv-12345678', { id: 'u-alice', name: 'Alice' }, 3);
    expect(issued.expiresIn).to.equal(60);
    expect(tokens.verify(issued.token)).to.deep.equal({
      conversationId: 'conv-12345678',
      user: { id: 'u-alice', name: 'Alice', role: 'user' },
      generation: 3,
      issuedAt: nowMs / 1000,
      expiresAt: nowMs / 1000 + 60,
    });
    expect(tokens.verify(tokens.issue('conv-12345678').token)).to.not.have.property('user');
    expect(tokens.verify(tokens.issue('conv-12345678').token).generation).to.equal(0);
  });

  it('treats a token as expired from its expiry second on', () => {
    const { token } = tokens.issue('conv-12345678');
    nowMs += 59_999;
    expect(tokens.verify(token).conversationId).to.equal('conv-12345678');
    nowMs += 1;
    expect(codeOf(() => tokens.verify(token))).to.equal('WL_DL_TOKEN_EXPIRED');
  });

  it('rejects tokens signed with another secret or changed after signing', () => {
    const other = new DirectLineTokens('other-secret-0123456789', 60, () => new Date(nowMs));
    expect(codeOf(() => tokens.verify(other.issue('conv-12345678').token))).to.equal('WL_DL_TOKEN_INVALID');
    const [head, payload, signature] = tokens.issue('conv-12345678').token.split('.');
    const changed = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    changed.exp = Number(changed.exp) + 3600;
    expect(codeOf(() => tokens.verify(`${head}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`))).to.equal(
      'WL_DL_TOKEN_INVALID',
    );
    expect(codeOf(() => tokens.verify(''))).to.equal('WL_DL_TOKEN_INVALID');
  });

  it('tells the secret from a token in an Authorization header', () => {
    const { token } = tokens.issue('conv-12345678', { id: 'u' });
    expect(tokens.authenticate(`Bearer ${secret}`)).to.deep.equal({ kind: 'secret' });
    expect(tokens.authenticate(`bearer ${token}`)).to.include({ kind: 'token', token });
    expect(codeOf(() => tokens.authenticate(undefined))).to.equal('WL_DL_AUTH_MISSING');
    expect(codeOf(() => tokens.authenticate(`Basic ${secret}`))).to.equal('WL_DL_AUTH_MISSING');
    expect(codeOf(() => tokens.authenticate(`Bearer ${secret}x`))).to.equal('WL_DL_TOKEN_INVALID');
  });

  it('lets a token act only on its own conversation, and the secret on any', () => {
    const caller = tokens.authenticate(`Bearer ${tokens.issue('conv-12345678').token}`);
    expect(() => assertConversationAccess(caller, 'conv-12345678')).to.not.throw();
    expect(codeOf(() => assertConversationAccess(caller, 'conv-87654321'))).to.equal('WL_DL_WRONG_CONVERSATION');
    expect(() => assertConversationAccess({ kind: 'secret' }, 'conv-87654321')).to.not.throw();
  });
});
