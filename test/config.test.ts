import { expect } from 'chai';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig, settingNames } from '../config';

describe('loadConfig', () => {
  it('runs on embedded defaults: SQLite under ./data, local anonymous mode, local Direct Line on', () => {
    const config = loadConfig({});
    expect(config.port).to.equal(3978);
    expect(config.storage).to.deep.equal({ kind: 'sqlite', path: path.resolve('./data/warmline.db'), retentionDays: 30 });
    expect(config.bot.appId).to.equal('');
    expect(config.directLine.enabled).to.equal(true);
    expect(config.directLine.secretGenerated).to.equal(true);
    expect(config.directLine.secret).to.have.length.greaterThan(16);
    expect(config.maxBodyBytes).to.equal(256 * 1024);
    expect(config.logMessageText).to.equal(false);
    expect(config.publicUrl).to.equal('http://localhost:3978');
  });

  it('chooses Redis when REDIS_URL is set and treats blank values as unset', () => {
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', PORT: '  ', REDIS_KEY_PREFIX: 'x:' });
    expect(config.storage).to.deep.equal({ kind: 'redis', url: 'redis://127.0.0.1:6379', keyPrefix: 'x:', commandTimeoutMs: 2000, retentionDays: 30 });
    expect(config.port).to.equal(3978);
  });

  it('reads how long each kind of record is kept, and lists every mistake in RECORD_RETENTION_DAYS', () => {
    expect(loadConfig({}).recordRetentionDays).to.include({ conversations: 30, handoffs: 90, offers: 400 });
    expect(loadConfig({ RECORD_RETENTION_DAYS: '60,learning=365' }).recordRetentionDays).to.include({ conversations: 60, offers: 60, learning: 365 });
    expect(() => loadConfig({ RECORD_RETENTION_DAYS: 'chats=3,tickets=0' })).to.throw(ConfigError, /RECORD_RETENTION_DAYS: "chats=3" is not kind=days[\s\S]*RECORD_RETENTION_DAYS: tickets: "0"/);
  });

  it('reads the Redis command timeout and refuses one too short to answer in', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_COMMAND_TIMEOUT_MS: '500' }).storage).to.include({ commandTimeoutMs: 500 });
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_COMMAND_TIMEOUT_MS: '0' })).to.throw(ConfigError, 'REDIS_COMMAND_TIMEOUT_MS');
  });

  it('reads how long a customer\'s page may be away before their agent is told they left (default a minute), and refuses nonsense', () => {
    expect(loadConfig({}).directLine.customerGraceSeconds).to.equal(60);
    expect(loadConfig({ CUSTOMER_GRACE_SECONDS: '5' }).directLine.customerGraceSeconds).to.equal(5);
    for (const bad of ['0', '-1', 'soon', '3601']) expect(() => loadConfig({ CUSTOMER_GRACE_SECONDS: bad }), bad).to.throw(ConfigError, /CUSTOMER_GRACE_SECONDS/);
  });

  it('turns the local Direct Line off when a Microsoft App ID is configured', () => {
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' });
    expect(config.directLine.enabled).to.equal(false);
  });

  it('reports every problem at once, naming each setting', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', STORAGE: 'mongo', MAX_BODY_BYTES: '-1', REDIS_URL: 'http://nope', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['PORT', 'STORAGE', 'MAX_BODY_BYTES', 'REDIS_URL', 'LOG_LEVEL']) expect(problems).to.contain(key);
    expect((error as ConfigError).code).to.equal('WL_CONFIG_INVALID');
    expect((error as Error).message).to.match(/^Invalid configuration \(5 problems\)/);
  });

  it('checks settings that depend on each other', () => {
    expect(() => loadConfig({ STORAGE: 'redis' })).to.throw(ConfigError, /STORAGE=redis needs REDIS_URL/);
    expect(() => loadConfig({ MicrosoftAppId: 'app' })).to.throw(ConfigError, /MicrosoftAppPassword is required/);
    expect(() => loadConfig({ MicrosoftAppType: 'SingleTenant' })).to.throw(ConfigError, /MicrosoftAppTenantId/);
    expect(() => loadConfig({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'b', DIRECTLINE_ENABLED: 'true' })).to.throw(ConfigError, /local anonymous mode/);
    expect(() => loadConfig({ DIRECTLINE_ENDPOINT: 'https://directline.example.invalid/v3/directline' })).to.throw(ConfigError, /DIRECTLINE_SECRET/);
    expect(() => loadConfig({ DIRECTLINE_SECRET: 'short' })).to.throw(ConfigError, /at least 16/);
    expect(() => loadConfig({ HOST: '10.1.2.3' })).to.throw(ConfigError, /does not include loopback/);
    expect(() => loadConfig({ HOST: '10.1.2.3', DIRECTLINE_ENABLED: 'false' })).not.to.throw();
    expect(() => loadConfig({ DIRECTLINE_TOKEN_TTL_SECONDS: '60' })).to.throw(ConfigError, /DIRECTLINE_TOKEN_TTL_SECONDS/);
  });

  it('refuses production without Bot Framework authentication unless ALLOW_ANONYMOUS says it is a private network', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /NODE_ENV=production needs MicrosoftAppId.*ALLOW_ANONYMOUS=true/);
    expect(loadConfig({ NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true' }).allowAnonymous).to.equal(true);
    expect(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }).allowAnonymous).to.equal(false);
    expect(loadConfig({}).allowAnonymous).to.equal(false);
  });

  it("needs the hub's identity for an external hub behind Bot Framework authentication, and reads both lists", () => {
    const authenticated = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', HANDOFF_HUB: 'external' };
    expect(() => loadConfig(authenticated)).to.throw(ConfigError, /HANDOFF_HUB_APP_IDS or HANDOFF_HUB_CHANNELS/);
    const config = loadConfig({ ...authenticated, HANDOFF_HUB_APP_IDS: ' hub-1, hub-2 ,', HANDOFF_HUB_CHANNELS: 'omnichannel' });
    expect(config.handoff.hubAppIds).to.deep.equal(['hub-1', 'hub-2']);
    expect(config.handoff.hubChannels).to.deep.equal(['omnichannel']);
    expect(loadConfig({ HANDOFF_HUB: 'external' }).handoff.hubAppIds).to.deep.equal([]);
  });

  it('reads the backends dialog flows may call, with their tokens, and names a bad one', () => {
    const config = loadConfig({ FLOW_BACKENDS: 'orders=https://erp.example/api, crm=http://127.0.0.1:9000', FLOW_BACKEND_TOKENS: 'orders=s3cret=x' });
    expect(config.flowBackends).to.deep.equal([
      { name: 'orders', baseUrl: 'https://erp.example/api', token: 's3cret=x' },
      { name: 'crm', baseUrl: 'http://127.0.0.1:9000' },
    ]);
    expect(loadConfig({}).flowBackends).to.deep.equal([]);
    expect(() => loadConfig({ FLOW_BACKENDS: 'Orders=ftp://x' })).to.throw(ConfigError, /"Orders" is not a backend name[\s\S]*needs an http\(s\) base URL/);
    expect(() => loadConfig({ FLOW_BACKEND_TOKENS: 'crm=abc' })).to.throw(ConfigError, /no backend "crm" in FLOW_BACKENDS/);
  });

  it('reads customer profiles from the file unless a CRM is configured', () => {
    const plain = loadConfig({});
    expect(plain.crm).to.equal(undefined);
    expect(plain.handoff.customersFile).to.equal(path.join(plain.appRoot, 'content', 'customers.yaml'));
    const config = loadConfig({ CRM_URL: 'https://crm.example.com/api/', CRM_TOKEN: 'token-123' });
    expect(config.crm).to.deep.equal({ url: 'https://crm.example.com/api', token: 'token-123', timeoutMs: 1500, cacheSeconds: 300 });
    expect(loadConfig({ CRM_URL: 'http://crm.internal:8080', CRM_TIMEOUT_MS: '100', CRM_CACHE_SECONDS: '0' }).crm).to.deep.equal({ url: 'http://crm.internal:8080', token: undefined, timeoutMs: 100, cacheSeconds: 0 });
  });

  it('rejects CRM settings that cannot work, naming each', () => {
    let error: unknown;
    try {
      loadConfig({ CRM_URL: 'ftp://crm.example.com', CRM_TIMEOUT_MS: '50', CRM_CACHE_SECONDS: '-1' });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).to.have.length(3);
    for (const key of ['CRM_URL', 'CRM_TIMEOUT_MS', 'CRM_CACHE_SECONDS']) expect(problems.join('\n')).to.contain(key);
    expect(() => loadConfig({ CRM_URL: 'https://crm.example.com', CRM_TIMEOUT_MS: '30001' })).to.throw(ConfigError, /CRM_TIMEOUT_MS/);
    expect(() => loadConfig({ CRM_URL: 'https://crm.example.com', CRM_CACHE_SECONDS: '86401' })).to.throw(ConfigError, /CRM_CACHE_SECONDS/);
    expect(() => loadConfig({ CRM_TOKEN: 'token-123' })).to.throw(ConfigError, /CRM_TOKEN is set but CRM_URL is not/);
  });

  it('reads the word-vector file of each locale, resolved, and refuses one that is not a file', () => {
    expect(loadConfig({}).knowledge.wordVectors).to.deep.equal({});
    const here = path.relative(process.cwd(), path.join(__dirname, 'config.test.ts'));
    expect(loadConfig({ WORD_VECTORS_ZH_CN: here }).knowledge.wordVectors).to.deep.equal({ 'zh-CN': path.resolve(here) });
    expect(loadConfig({ WORD_VECTORS_EN_US: here }).knowledge.wordVectors).to.deep.equal({ 'en-US': path.resolve(here) });
    expect(() => loadConfig({ WORD_VECTORS_ZH_CN: 'no/such/words.vec', WORD_VECTORS_EN_US: __dirname })).to.throw(ConfigError, /WORD_VECTORS_ZH_CN: \S*no\/such\/words\.vec is not a readable file[\s\S]*WORD_VECTORS_EN_US: .* is not a readable file/);
  });

  it('reads the home country (default CN, as the sample store), in either case, and refuses a code that is no country', () => {
    expect(loadConfig({}).knowledge.homeCountry).to.equal('CN');
    expect(loadConfig({ HOME_COUNTRY: 'gb' }).knowledge.homeCountry).to.equal('GB');
    for (const bad of ['UK', 'China', 'X']) expect(() => loadConfig({ HOME_COUNTRY: bad }), bad).to.throw(ConfigError, /HOME_COUNTRY: must be a country's ISO 3166 two-letter code/);
  });

  it('finds the flows folder like the other content, or where FLOWS_DIR says', () => {
    const plain = loadConfig({});
    expect(plain.flowsDir).to.equal(path.join(plain.appRoot, 'content', 'flows'));
    expect(loadConfig({ FLOWS_DIR: 'my/flows' }).flowsDir).to.equal(path.resolve('my/flows'));
  });

  it('finds the offer catalogue like the other content files, and an optional webhook', () => {
    const plain = loadConfig({});
    expect(plain.offers).to.deep.equal({ file: path.join(plain.appRoot, 'content', 'offers.yaml') });
    const config = loadConfig({ OFFERS_FILE: 'my/offers.yaml', OFFER_WEBHOOK_URL: 'https://hooks.example.com/offers' });
    expect(config.offers).to.deep.equal({ file: path.resolve('my/offers.yaml'), webhookUrl: 'https://hooks.example.com/offers' });
    expect(() => loadConfig({ OFFER_WEBHOOK_URL: 'mailto:sales@example.com' })).to.throw(ConfigError, /OFFER_WEBHOOK_URL/);
  });

  it('takes access codes of visible ASCII only, so the code a client sends in a header is the one compared', () => {
    expect(loadConfig({ ADMIN_ACCESS_CODE: 'admin-code-1234', AGENT_ACCESS_CODE: 'agent-code-1234' })).to.include({ adminAccessCode: 'admin-code-1234' });
    expect(() => loadConfig({ ADMIN_ACCESS_CODE: 'code-with-ümlaut-1234' })).to.throw(ConfigError, /ADMIN_ACCESS_CODE.*visible ASCII/);
    expect(() => loadConfig({ AGENT_ACCESS_CODE: 'has a space in it' })).to.throw(ConfigError, /AGENT_ACCESS_CODE.*visible ASCII/);
    expect(() => loadConfig({ ADMIN_ACCESS_CODE: 'short' })).to.throw(ConfigError, /ADMIN_ACCESS_CODE.*at least 12/);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).to.equal(true);
    expect(Object.isFrozen(config.storage)).to.equal(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).to.throw(TypeError);
  });

  it('reads the Studio session lifetimes, refuses an idle time longer than the whole session, and makes the cookie Secure behind https', () => {
    expect(loadConfig({}).studio).to.deep.equal({ sessionIdleMinutes: 30, sessionMaxHours: 12, secureCookie: false, sso: undefined });
    expect(loadConfig({ SESSION_IDLE_MINUTES: '10', SESSION_MAX_HOURS: '2', PUBLIC_URL: 'https://bot.example' }).studio).to.deep.equal({ sessionIdleMinutes: 10, sessionMaxHours: 2, secureCookie: true, sso: undefined });
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '120', SESSION_MAX_HOURS: '1' })).to.throw(ConfigError, 'SESSION_IDLE_MINUTES (120) is longer than SESSION_MAX_HOURS (1 h)');
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).to.throw(ConfigError, 'SESSION_IDLE_MINUTES');
  });

  it('turns single sign-on on with a tenant, client id and secret, with the default redirect and the group roles', () => {
    const sso = loadConfig({
      PUBLIC_URL: 'https://bot.example/',
      ENTRA_TENANT_ID: '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f',
      ENTRA_CLIENT_ID: 'client-1',
      ENTRA_CLIENT_SECRET: 'secret-1',
      ENTRA_GROUP_ROLES: 'AAAA-1=admin, bbbb-2=editor',
    }).studio.sso;
    expect(sso).to.deep.equal({
      issuerUrl: 'https://login.microsoftonline.com/6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f/v2.0',
      clientId: 'client-1',
      clientSecret: 'secret-1',
      redirectUrl: 'https://bot.example/api/auth/sso/callback',
      groupRoles: { 'aaaa-1': 'admin', 'bbbb-2': 'editor' },
    });
    expect(loadConfig({ OIDC_ISSUER_URL: 'http://127.0.0.1:4000/', ENTRA_CLIENT_ID: 'c', ENTRA_CLIENT_SECRET: 's', ENTRA_REDIRECT_URL: 'http://localhost:3978/cb' }).studio.sso).to.include({ issuerUrl: 'http://127.0.0.1:4000/', redirectUrl: 'http://localhost:3978/cb' });
  });

  it('refuses half-made single sign-on settings with every problem in one message', () => {
    let error: unknown;
    try {
      loadConfig({ ENTRA_TENANT_ID: '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f', OIDC_ISSUER_URL: 'http://idp.example', ENTRA_GROUP_ROLES: 'g1=owner,g1=admin,bad group=viewer' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).to.include('ENTRA_TENANT_ID and OIDC_ISSUER_URL are both set');
    expect(problems).to.include('single sign-on needs ENTRA_CLIENT_ID');
    expect(problems).to.include('single sign-on needs ENTRA_CLIENT_SECRET');
    expect(problems).to.include('OIDC_ISSUER_URL must be https');
    expect(problems).to.include('"owner", which is not a role');
    expect(problems).to.include('group g1 is mapped more than once');
    expect(problems).to.include('"bad group" is not a group object id');
    expect(() => loadConfig({ ENTRA_CLIENT_ID: 'c' })).to.throw(ConfigError, 'single sign-on needs ENTRA_TENANT_ID');
    expect(() => loadConfig({ ENTRA_TENANT_ID: 'contoso.onmicrosoft.com', ENTRA_CLIENT_ID: 'c', ENTRA_CLIENT_SECRET: 's' })).to.throw(ConfigError, 'ENTRA_TENANT_ID: must be the Directory (tenant) id');
  });

  it('is documented: .env.example names every setting, and nothing else', () => {
    const documented = readFileSync(path.join(__dirname, '..', '.env.example'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Za-z_]+=/.test(line))
      .map((line) => line.slice(0, line.indexOf('=')));
    expect([...documented].sort()).to.deep.equal([...settingNames].sort());
    expect(() => loadConfig(Object.fromEntries(documented.map((k) => [k, ''])))).not.to.throw();
  });
});
