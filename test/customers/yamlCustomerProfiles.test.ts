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
    it('knows the sample customers, with tiers the routing file defines', async () => {
      const routing = loadRouting(path.join(contentDir, 'routing.yaml'));
      const profiles = loadCustomerProfiles(path.join(contentDir, 'customers.yaml'), { tiers: routing.tiers.map((t) => t.id) });
      expect(await profiles.get('customer-vip')).to.deep.include({ id: 'customer-vip', tier: 'vip' });
      expect((await profiles.get('customer-atrisk'))?.tier).to.equal('at-risk');
      const regular = await profiles.get('customer-regular');
      expect(regular?.tier).to.equal(undefined);
      expect(regular?.name).to.be.a('string').and.not.empty;
      const contact = await profiles.get('customer-contact');
      expect(contact?.email).to.match(/@example\.(com|org)$/);
      expect(contact?.phone).to.be.a('string').and.not.empty;
    });
  });

  it('looks customers up by exact channel user id; anyone else has no profile', async () => {
    const profiles = parseCustomerProfiles('customers:\n  web-123:\n    name: Mei Chen\n    tier: vip\n    segments: [audio, audio]\n  web-456:\n', 'customers.yaml');
    expect(await profiles.get('web-123')).to.deep.equal({ id: 'web-123', name: 'Mei Chen', tier: 'vip', segments: ['audio'] });
    expect(await profiles.get('web-456')).to.deep.equal({ id: 'web-456', segments: [] });
    expect(await profiles.get('WEB-123')).to.equal(undefined);
    expect(await profiles.get('web-789')).to.equal(undefined);
    expect(await profiles.get('constructor')).to.equal(undefined);
  });

  it('hands out profiles that cannot be changed by the caller', async () => {
    const profiles = parseCustomerProfiles('customers:\n  web-123: { tier: vip }\n', 'customers.yaml');
    const profile = await profiles.get('web-123');
    expect(() => ((profile as { tier?: string }).tier = 'influencer')).to.throw(TypeError);
    expect((await profiles.get('web-123'))?.tier).to.equal('vip');
  });

  describe('tells the admin where each mistake is', () => {
    it('rejects a bad e-mail address and phone number, naming the customer', () => {
      const error = rejection('customers:\n  web-1:\n    email: mei.example.com\n    phone: call me\n');
      expect(error.code).to.equal(customerProfileErrorCodes.invalid);
      expect(error.message).to.contain('customers.web-1.email: is not an e-mail address');
      expect(error.message).to.contain('customers.web-1.phone: is not a phone number');
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
