import { expect } from 'chai';
import { profileOrNothing } from '../../customers/customerLookup';
import { CustomerProfilesUnavailableError } from '../../customers/customerProfiles';
import type { CustomerKey, CustomerProfile, CustomerProfiles } from '../../customers/customerProfiles';

const mei: CustomerProfile = { id: 'crm-1', name: 'Mei Chen', segments: [], tags: [], products: [], marketingConsent: true };

describe('profileOrNothing', () => {
  it('returns the profile, asking with only the channel id and AAD object id', async () => {
    const asked: CustomerKey[] = [];
    const profiles: CustomerProfiles = { get: (who) => (asked.push(who), Promise.resolve(mei)) };
    const unavailable: unknown[] = [];
    const from = { id: '29:1mei', name: 'Mei', role: 'user', aadObjectId: '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f' };
    expect(await profileOrNothing(profiles, from, (e) => unavailable.push(e))).to.equal(mei);
    expect(asked).to.deep.equal([{ id: '29:1mei', aadObjectId: '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f' }]);
    expect(unavailable).to.deep.equal([]);
  });

  it('returns undefined for an unknown customer without reporting anything', async () => {
    const unavailable: unknown[] = [];
    expect(await profileOrNothing({ get: () => Promise.resolve(undefined) }, { id: 'web-1' }, (e) => unavailable.push(e))).to.equal(undefined);
    expect(unavailable).to.deep.equal([]);
  });

  it('carries on without a profile when the source is unavailable, and says why', async () => {
    const down = new CustomerProfilesUnavailableError('Customer CRM did not answer within 1500 ms');
    const unavailable: CustomerProfilesUnavailableError[] = [];
    expect(await profileOrNothing({ get: () => Promise.reject(down) }, { id: 'web-1' }, (e) => unavailable.push(e))).to.equal(undefined);
    expect(unavailable).to.deep.equal([down]);
  });

  it('treats any other failure of the source as unavailable too, keeping it as the cause', async () => {
    const bug = new TypeError('profiles.get is broken');
    const unavailable: CustomerProfilesUnavailableError[] = [];
    const broken: CustomerProfiles = { get: () => Promise.reject(bug) };
    expect(await profileOrNothing(broken, { id: 'web-1' }, (e) => unavailable.push(e))).to.equal(undefined);
    expect(unavailable).to.have.length(1);
    expect(unavailable[0]).to.be.instanceOf(CustomerProfilesUnavailableError);
    expect(unavailable[0]?.cause).to.equal(bug);
  });
});
