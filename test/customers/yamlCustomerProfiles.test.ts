import { expect } from 'chai';
import path from 'node:path';
import { CustomerProfilesError, customerProfileErrorCodes, loadCustomerProfiles, parseCustomerProfiles } from '../../customers/yamlCustomerProfiles';
import { loadRouting } from '../../handoff/routingLoader';

const contentDir = path.join(__dirname, '..', '..', 'content');

function rejection(text: string, tiers?: readonly string[]): CustomerProfilesError {
  try {
    parseCustomerProfiles(text, 'customers.yaml', tiers ? { tiers } : {});
  } catch (err) {
    expect(err).to.be.instanceOf(CustomerProfilesError);
    return err as CustomerProfilesError;
  }
  expect.fail('the profiles were accepted');
}

describe('YAML customer profiles', () => {
  describe('the shipped content/customers.yaml', () => {
    const load = () => {
      const routing = loadRouting(path.join(contentDir, 'routing.yaml'));
      return loadCustomerProfiles(path.join(contentDir, 'customers.yaml'), { tiers: routing.tiers.map((t) => t.id) });
    };

    it('knows the sample customers, with tiers the routing file defines', async () => {
      const profiles = load();
      expect(await profiles.get({ id: 'customer-vip' })).to.deep.include({ id: 'customer-vip', tier: 'vip' });
      expect((await profiles.get({ id: 'customer-atrisk' }))?.tier).to.equal('at-risk');
      const regular = await profiles.get({ id: 'customer-regular' });
      expect(regular?.tier).to.equal(undefined);
      expect(regular?.name).to.be.a('string').and.not.empty;
      const contact = await profiles.get({ id: 'customer-contact' });
      expect(contact?.email).to.match(/@example\.(com|org)$/);
      expect(contact?.phone).to.be.a('string').and.not.empty;
    });

    it('has demo customers in both languages who agreed to offers, and one who did not', async () => {
      const profiles = load();
      expect(await profiles.get({ id: 'customer-demo' })).to.deep.include({ name: 'Alex Morgan', locale: 'en-US', tenureMonths: 8, spend: 260, marketingConsent: true });
      expect(await profiles.get({ id: 'customer-demo-zh' })).to.deep.include({ name: '李娜', locale: 'zh-CN', tenureMonths: 8, spend: 1800, marketingConsent: true });
      expect((await profiles.get({ id: 'customer-demo' }))?.segments).to.deep.equal(['audio']);
      expect((await profiles.get({ id: 'customer-regular' }))?.marketingConsent).to.equal(false);
      expect((await profiles.get({ id: 'customer-atrisk' }))?.tags).to.include('in-arrears');
      expect((await profiles.get({ id: 'customer-vip' }))?.products).to.deep.equal(['lumen-club']);
    });

    it('finds the VIP sample customer from Teams by user id or AAD object id', async () => {
      const profiles = load();
      expect((await profiles.get({ id: '29:1-demo-mei-chen-teams' }))?.id).to.equal('customer-vip');
      expect((await profiles.get({ id: '29:someone-new', aadObjectId: '6F1C2B7E-1D2A-4C3B-9E8F-0A1B2C3D4E5F' }))?.id).to.equal('customer-vip');
    });
  });

  it('looks customers up by exact channel user id; anyone else has no profile', async () => {
    const profiles = parseCustomerProfiles('customers:\n  web-123:\n    name: Mei Chen\n    tier: vip\n    segments: [audio, audio]\n  web-456:\n', 'customers.yaml');
    expect(await profiles.get({ id: 'web-123' })).to.deep.equal({ id: 'web-123', name: 'Mei Chen', tier: 'vip', segments: ['audio'], tags: [], products: [], marketingConsent: false });
    expect(await profiles.get({ id: 'web-456' })).to.deep.equal({ id: 'web-456', segments: [], tags: [], products: [], marketingConsent: false });
    expect(await profiles.get({ id: 'WEB-123' })).to.equal(undefined);
    expect(await profiles.get({ id: 'web-789' })).to.equal(undefined);
    expect(await profiles.get({ id: 'constructor' })).to.equal(undefined);
  });

  it('reads every field for targeting offers, in camelCase', async () => {
    const profiles = parseCustomerProfiles(
      [
        'customers:',
        '  c-1:',
        '    name: 李娜',
        '    segments: [audio]',
        '    tags: [in-arrears, in-arrears]',
        '    products: [care-plus]',
        '    tenure_months: 0',
        '    spend: 12.5',
        '    locale: zh-CN',
        '    marketing_consent: true',
        '',
      ].join('\n'),
      'customers.yaml',
    );
    expect(await profiles.get({ id: 'c-1' })).to.deep.equal({
      id: 'c-1',
      name: '李娜',
      segments: ['audio'],
      tags: ['in-arrears'],
      products: ['care-plus'],
      tenureMonths: 0,
      spend: 12.5,
      locale: 'zh-CN',
      marketingConsent: true,
    });
  });

  describe('one customer on every channel', () => {
    const text = [
      'customers:',
      '  customer-a:',
      '    user_ids: ["29:1teams-a", "dl_a-phone"]',
      '    aad_object_id: 6F1C2B7E-1D2A-4C3B-9E8F-0A1B2C3D4E5F',
      '  customer-b:',
      '    aad_object_id: 00000000-0000-4000-8000-00000000000b',
      '',
    ].join('\n');

    it('finds a customer by any of their user ids', async () => {
      const profiles = parseCustomerProfiles(text, 'customers.yaml');
      for (const id of ['customer-a', '29:1teams-a', 'dl_a-phone']) expect((await profiles.get({ id }))?.id, id).to.equal('customer-a');
      expect(await profiles.get({ id: '29:1TEAMS-A' })).to.equal(undefined);
    });

    it('finds a Teams customer by AAD object id in any letter case, and prefers the exact user id', async () => {
      const profiles = parseCustomerProfiles(text, 'customers.yaml');
      expect((await profiles.get({ id: '29:new', aadObjectId: '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f' }))?.id).to.equal('customer-a');
      expect((await profiles.get({ id: '29:new', aadObjectId: '00000000-0000-4000-8000-00000000000B' }))?.id).to.equal('customer-b');
      expect((await profiles.get({ id: 'customer-b', aadObjectId: '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f' }))?.id).to.equal('customer-b');
      expect(await profiles.get({ id: '29:new', aadObjectId: '11111111-1111-4111-8111-111111111111' })).to.equal(undefined);
    });

    it('gives every identity of a customer named by any one of them, for privacy requests', () => {
      const profiles = parseCustomerProfiles(text, 'customers.yaml');
      for (const id of ['customer-a', '29:1teams-a', 'dl_a-phone', '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f', '6F1C2B7E-1D2A-4C3B-9E8F-0A1B2C3D4E5F']) {
        const entry = profiles.entryFor(id);
        expect(entry?.profile.id, id).to.equal('customer-a');
        expect(entry?.userIds).to.deep.equal(['29:1teams-a', 'dl_a-phone']);
        expect(entry?.aadObjectId).to.equal('6F1C2B7E-1D2A-4C3B-9E8F-0A1B2C3D4E5F');
      }
      expect(profiles.entryFor('29:1TEAMS-A')).to.equal(undefined);
      expect(profiles.entryFor('nobody')).to.equal(undefined);
    });

    it('does not hand out the other identities as part of the profile', async () => {
      const profiles = parseCustomerProfiles(text, 'customers.yaml');
      const profile = await profiles.get({ id: 'customer-a' });
      expect(profile).to.not.have.any.keys('userIds', 'user_ids', 'aadObjectId', 'aad_object_id');
    });

    it('rejects a user id or AAD object id claimed by two customers, naming both', () => {
      const error = rejection(
        [
          'customers:',
          '  customer-a:',
          '    user_ids: ["29:1shared", customer-a]',
          '    aad_object_id: 6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f',
          '  customer-b:',
          '    user_ids: ["29:1shared", customer-a]',
          '    aad_object_id: 6F1C2B7E-1D2A-4C3B-9E8F-0A1B2C3D4E5F',
          '',
        ].join('\n'),
      );
      expect(error.code).to.equal(customerProfileErrorCodes.invalid);
      expect(error.problems).to.have.length(3);
      expect(error.message).to.contain('customers.customer-b.user_ids[0]: user id "29:1shared" already belongs to customer "customer-a" (customers.customer-a.user_ids[0])');
      expect(error.message).to.contain('customers.customer-b.user_ids[1]: user id "customer-a" already belongs to customer "customer-a" (customers.customer-a)');
      expect(error.message).to.contain('customers.customer-b.aad_object_id: Azure AD object id 6F1C2B7E-1D2A-4C3B-9E8F-0A1B2C3D4E5F already belongs to customer "customer-a" (customers.customer-a.aad_object_id)');
    });
  });

  it('hands out profiles that cannot be changed by the caller', async () => {
    const profiles = parseCustomerProfiles('customers:\n  web-123: { tier: vip, products: [care-plus] }\n', 'customers.yaml');
    const profile = await profiles.get({ id: 'web-123' });
    expect(() => ((profile as { tier?: string }).tier = 'influencer')).to.throw(TypeError);
    expect(() => (profile?.products as string[]).push('lumen-club')).to.throw(TypeError);
    expect(await profiles.get({ id: 'web-123' })).to.deep.include({ tier: 'vip', products: ['care-plus'] });
  });

  describe('tells the admin where each mistake is', () => {
    it('rejects a bad e-mail address and phone number, naming the customer', () => {
      const error = rejection('customers:\n  web-1:\n    email: mei.example.com\n    phone: call me\n');
      expect(error.code).to.equal(customerProfileErrorCodes.invalid);
      expect(error.message).to.contain('customers.web-1.email: is not an e-mail address');
      expect(error.message).to.contain('customers.web-1.phone: is not a phone number');
    });

    it('rejects bad targeting fields, each with its path', () => {
      const error = rejection(
        [
          'customers:',
          '  web-1:',
          '    tenure_months: 2.5',
          '    spend: -10',
          '    locale: fr-FR',
          '    marketing_consent: "yes"',
          '    tags: [In Arrears]',
          '    user_ids: [""]',
          '    aad_object_id: not-a-guid',
          '',
        ].join('\n'),
      );
      expect(error.code).to.equal(customerProfileErrorCodes.invalid);
      expect(error.problems).to.have.length(7);
      expect(error.message).to.contain('customers.web-1.tenure_months: must be a whole number of months');
      expect(error.message).to.contain('customers.web-1.spend: must be 0 or more');
      expect(error.message).to.contain('customers.web-1.locale: use one of en-US, zh-CN');
      expect(error.message).to.contain('customers.web-1.marketing_consent: expected true or false, got the text "yes"');
      expect(error.message).to.contain('customers.web-1.tags[0]: use only lower-case letters, digits and "-"');
      expect(error.message).to.contain('customers.web-1.user_ids[0]: must not be empty');
      expect(error.message).to.contain('customers.web-1.aad_object_id: is not an Azure AD object id');
    });

    it('rejects a tier the routing file does not define', () => {
      const error = rejection('customers:\n  web-1: { tier: platinum }\n', ['vip', 'at-risk']);
      expect(error.message).to.contain('customers.web-1.tier: no tier "platinum" in the routing file (tiers are: vip, at-risk)');
    });

    it('rejects a misspelt setting', () => {
      expect(rejection('customers:\n  web-1: { segment: [audio] }\n').message).to.contain('customers.web-1: unknown setting "segment"');
    });

    it('rejects a file without a customers mapping', () => {
      expect(rejection('customers: [web-1, web-2]\n').message).to.contain('customers: expected a mapping');
      expect(rejection('').message).to.contain('customers: is required but missing');
    });

    it('rejects a file that is not YAML, with the line', () => {
      const error = rejection('customers:\n  web-1: { name: Mei\n');
      expect(error.code).to.equal(customerProfileErrorCodes.syntax);
      expect(error.message).to.match(/customers\.yaml: line \d+: not valid YAML/);
    });

    it('reports a missing file with its path', () => {
      const missing = path.join(contentDir, 'no-such-customers.yaml');
      expect(() => loadCustomerProfiles(missing)).to.throw(CustomerProfilesError, missing).with.property('code', customerProfileErrorCodes.notFound);
    });
  });
});
