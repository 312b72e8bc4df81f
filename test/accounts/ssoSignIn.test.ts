import { expect } from 'chai';
import { ssoIdentity } from '../../accounts/ssoSignIn';
import type { SsoRules } from '../../accounts/ssoSignIn';
import type { AgentProfile } from '../../handoff/routing';

const agent = (id: string, aadObjectId?: string): AgentProfile => ({ id, displayName: id, queues: ['general'], skills: [], userIds: [`agent-${id}`], locale: 'en-US', ...(aadObjectId ? { aadObjectId } : {}) });
const rules: SsoRules = {
  groupRoles: { 'g-admins': 'admin', 'g-editors': 'editor', 'g-viewers': 'viewer' },
  roster: () => ({ agents: [agent('ana'), agent('sam', 'AAAA-0001')], quickReplies: [] }),
};
const iss = 'https://login.microsoftonline.com/t/v2.0';

describe('ssoIdentity: who a verified ID token is in the studio', () => {
  it('makes a roster agent (by object id, any case) an agent under the roster id', () => {
    expect(ssoIdentity({ iss, sub: 'x', oid: 'aaaa-0001', preferred_username: 'sam@contoso.com' }, rules)).to.deep.equal({ name: 'sam', role: 'agent', external: { issuer: iss, subject: 'aaaa-0001' } });
  });

  it('gives the highest role of the mapped groups, and a group above agent wins over the roster', () => {
    expect(ssoIdentity({ iss, sub: 'x', oid: 'o-1', preferred_username: 'Ada@Contoso.com', groups: ['G-VIEWERS', 'g-editors', 'other'] }, rules)).to.include({ name: 'ada.contoso.com', role: 'editor' });
    expect(ssoIdentity({ iss, sub: 'x', oid: 'AAAA-0001', groups: ['g-admins'] }, rules)).to.include({ name: 'sam', role: 'admin' });
    // A viewer group does not lower a roster agent.
    expect(ssoIdentity({ iss, sub: 'x', oid: 'aaaa-0001', groups: ['g-viewers'] }, rules)).to.include({ role: 'agent' });
  });

  it('gives no role without a roster entry or a mapped group, whatever else the token says', () => {
    expect(ssoIdentity({ iss, sub: 'x', oid: 'o-2', preferred_username: 'eve@contoso.com', groups: ['other'] }, rules)).to.equal(undefined);
    expect(ssoIdentity({ iss, sub: 'x', groups: 'g-admins' }, rules)).to.equal(undefined);
  });

  it('makes a user name out of an unusual or missing preferred name, from the subject when need be', () => {
    expect(ssoIdentity({ iss, sub: 'x', oid: 'o-3', preferred_username: 'Zoë Ng@contoso.com', groups: ['g-viewers'] }, rules)?.name).to.equal('zo-ng.contoso.com');
    expect(ssoIdentity({ iss, sub: 'Sub-123', groups: ['g-viewers'] }, rules)).to.deep.include({ name: 'sso-sub123', external: { issuer: iss, subject: 'Sub-123' } });
    expect(ssoIdentity({ iss, sub: 'x', oid: '9F1C-22', preferred_username: '42@contoso.com', groups: ['g-viewers'] }, rules)?.name).to.equal('sso-9f1c22');
  });
});
