import { expect } from 'chai';
import { AuthenticationConstants, BotFrameworkAuthentication, ClaimsIdentity, ConnectorFactory } from 'botframework-connector';
import type { AuthenticateRequestResult, BotFrameworkClient, ConnectorClient, UserTokenClient } from 'botframework-connector';
import type { Activity, TurnContext } from 'botbuilder';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { CachedConnectorsAuthentication } from '../../adapters/cachedConnectors';

const identity = (appId: string): ClaimsIdentity => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

/** A fake environment counting what it builds; `failNext` makes the next connector build fail. */
class CountingAuthentication extends BotFrameworkAuthentication {
  built: string[] = [];
  tokenClients = 0;
  failNext = false;
  channelRequests = 0;

  constructor(private readonly appId = 'app-1') {
    super();
  }

  factory(appId: string): ConnectorFactory {
    const build = (serviceUrl: string, audience?: string): ConnectorClient => {
      if (this.failNext) {
        this.failNext = false;
        throw new Error('credentials not ready');
      }
      this.built.push(`${appId} ${serviceUrl} ${audience ?? '-'}`);
      return { serviceUrl, audience, n: this.built.length } as unknown as ConnectorClient;
    };
    return new (class extends ConnectorFactory {
      async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return build(serviceUrl, audience);
      }
    })();
  }

  async authenticateRequest(): Promise<AuthenticateRequestResult> {
    const claimsIdentity = identity(this.appId);
    return { claimsIdentity, audience: 'aud-x', callerId: 'urn:test', connectorFactory: this.factory(this.appId) };
  }

  async authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    return this.authenticateRequest();
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.factory(claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? '');
  }

  async createUserTokenClient(): Promise<UserTokenClient> {
    this.tokenClients += 1;
    return { n: this.tokenClients } as unknown as UserTokenClient;
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return { marker: 'bf-client' } as unknown as BotFrameworkClient;
  }

  override getOriginatingAudience(): string {
    return 'origin-aud';
  }

  override async authenticateChannelRequest(): Promise<ClaimsIdentity> {
    this.channelRequests += 1;
    return identity('from-channel');
  }
}

describe('CachedConnectorsAuthentication: one Bot Connector client per app, service URL and audience', () => {
  const activity = { type: 'message', serviceUrl: 'https://smba.example/' } as Activity;

  it('builds the client of a request once and hands the same one to every later turn', async () => {
    const inner = new CountingAuthentication();
    const auth = new CachedConnectorsAuthentication(inner);
    const first = await auth.authenticateRequest(activity, 'Bearer x');
    const second = await auth.authenticateRequest(activity, 'Bearer y');
    const a = await first.connectorFactory!.create('https://smba.example/', first.audience);
    const b = await second.connectorFactory!.create('https://smba.example/', second.audience);
    expect(b).to.equal(a);
    expect(inner.built).to.deep.equal(['app-1 https://smba.example/ aud-x']);
    // The rest of the result is the inner environment's, untouched.
    expect(first.callerId).to.equal('urn:test');
    expect(first.claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim)).to.equal('app-1');
  });

  it('keeps service URLs, audiences and bot app ids apart', async () => {
    const inner = new CountingAuthentication();
    const auth = new CachedConnectorsAuthentication(inner);
    const one = auth.createConnectorFactory(identity('app-1'));
    const two = auth.createConnectorFactory(identity('app-2'));
    const clients = [
      await one.create('https://a.example/', 'aud'),
      await one.create('https://b.example/', 'aud'),
      await one.create('https://a.example/', 'other-aud'),
      await one.create('https://a.example/'),
      await two.create('https://a.example/', 'aud'),
    ];
    expect(new Set(clients).size).to.equal(5);
    expect(await one.create('https://b.example/', 'aud')).to.equal(clients[1]);
    expect(inner.built).to.have.length(5);
  });

  it('does not keep a build that failed: the next turn builds again', async () => {
    const inner = new CountingAuthentication();
    const auth = new CachedConnectorsAuthentication(inner);
    const factory = auth.createConnectorFactory(identity('app-1'));
    inner.failNext = true;
    await factory.create('https://a.example/').then(
      () => expect.fail('the build should have failed'),
      (err: Error) => expect(err.message).to.equal('credentials not ready'),
    );
    const client = await factory.create('https://a.example/');
    expect(client).to.have.property('n', 1);
    expect(await factory.create('https://a.example/')).to.equal(client);
  });

  it('keeps at most maxClients, dropping the least recently used', async () => {
    const inner = new CountingAuthentication();
    const auth = new CachedConnectorsAuthentication(inner, { maxClients: 2 });
    const factory = auth.createConnectorFactory(identity('app-1'));
    await factory.create('https://a.example/');
    await factory.create('https://b.example/');
    await factory.create('https://a.example/');
    await factory.create('https://c.example/');
    await factory.create('https://a.example/');
    expect(inner.built).to.have.length(3);
    await factory.create('https://b.example/');
    expect(inner.built).to.have.length(4);
    expect(() => new CachedConnectorsAuthentication(inner, { maxClients: 0 })).to.throw(TypeError, /maxClients/);
  });

  it('reuses the user-token client per bot app id and passes everything else through', async () => {
    const inner = new CountingAuthentication();
    const auth = new CachedConnectorsAuthentication(inner);
    const a = await auth.createUserTokenClient(identity('app-1'));
    expect(await auth.createUserTokenClient(identity('app-1'))).to.equal(a);
    expect(await auth.createUserTokenClient(identity('app-2'))).to.not.equal(a);
    expect(inner.tokenClients).to.equal(2);
    expect(auth.getOriginatingAudience()).to.equal('origin-aud');
    expect(auth.createBotFrameworkClient()).to.deep.equal({ marker: 'bf-client' });
    expect((await auth.authenticateChannelRequest('Bearer z')).getClaimValue(AuthenticationConstants.AudienceClaim)).to.equal('from-channel');
    expect(inner.channelRequests).to.equal(1);
    const streaming = await auth.authenticateStreamingRequest('Bearer s', 'msteams');
    expect(await streaming.connectorFactory!.create('https://smba.example/', 'aud-x')).to.equal(await (await auth.authenticateRequest(activity, 'Bearer t')).connectorFactory!.create('https://smba.example/', 'aud-x'));
  });

  it('serves a real CloudAdapter: turns share one Bot Connector client and authentication still refuses a bad token', async () => {
    const settings = { MicrosoftAppId: '', MicrosoftAppPassword: '' };
    // processActivity is how CloudAdapter.process runs a request's activity once it has read the body.
    const run = (on: CloudAdapter, auth: string, a: Activity, logic: (context: TurnContext) => Promise<void>) => (on as unknown as { processActivity(auth: string, a: Activity, logic: (context: TurnContext) => Promise<void>): Promise<unknown> }).processActivity(auth, a, logic);
    const adapter = new CloudAdapter(new CachedConnectorsAuthentication(new ConfigurationBotFrameworkAuthentication(settings)));
    const seen: unknown[] = [];
    const incoming = { type: 'message', id: 'm', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } } as Activity;
    for (let i = 0; i < 2; i++) {
      await run(adapter, '', { ...incoming }, async (context: TurnContext) => {
        seen.push(context.turnState.get(adapter.ConnectorClientKey));
      });
    }
    expect(seen).to.have.length(2);
    expect(seen[0]).to.exist;
    expect(seen[1]).to.equal(seen[0]);
    const secured = new CloudAdapter(new CachedConnectorsAuthentication(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: 'an-app', MicrosoftAppPassword: 'secret' })));
    await run(secured, 'Bearer not-a-token', { ...incoming }, async () => expect.fail('an unauthenticated request must not run')).then(
      () => expect.fail('authentication should have refused the request'),
      (err: Error) => expect(err).to.be.instanceOf(Error),
    );
  });
});
