/**
 * Bot Framework authentication that builds each Bot Connector client once instead of once a turn.
 * botbuilder's CloudAdapter asks for a new ConnectorClient (its own HTTP pipeline, serializer,
 * credentials lookup) and a new UserTokenClient on every turn; profiling a FAQ turn put that at about
 * a tenth of its CPU plus the garbage it leaves. The clients hold no per-turn state (credentials cache
 * their own tokens and refresh them), so one per bot app id, service URL and audience serves every
 * turn. Authentication itself is untouched: every request is still validated by the wrapped
 * {@link BotFrameworkAuthentication}. The clients send replies directly (adapters/directReplies.ts).
 */
import { BotFrameworkAuthentication } from 'botframework-connector';
import type { AuthenticateRequestResult, BotFrameworkClient, ClaimsIdentity, ConnectorClient, ConnectorFactory, UserTokenClient } from 'botframework-connector';
import { AuthenticationConstants } from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import { withDirectReplies } from './directReplies';
import type { DirectReplyOptions } from './directReplies';

/** Clients kept (app id × service URL × audience); a bot talks to a handful of service URLs. */
const defaultMaxClients = 200;

/** The bot's app id a request was addressed to, as botbuilder reads it (audience claim, else appid). */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** The build kept under `key`, or a new one; a failed build (credentials not available yet) is not kept, so the next turn tries again. */
function cachedBuild<T>(cache: LRUCache<string, Promise<T>>, key: string, build: () => Promise<T>): Promise<T> {
  const known = cache.get(key);
  if (known) return known;
  const made = build();
  cache.set(key, made);
  made.catch(() => {
    if (cache.get(key) === made) cache.delete(key);
  });
  return made;
}

/** A {@link ConnectorFactory} answering from the shared cache, building through `inner` on a miss. */
class CachedConnectorFactory implements ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: LRUCache<string, Promise<ConnectorClient>>,
    private readonly direct: DirectReplyOptions | false,
  ) {}

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return cachedBuild(this.clients, `${this.appId}\n${serviceUrl}\n${audience ?? ''}`, async () => {
      const client = await this.inner.create(serviceUrl, audience);
      return this.direct ? withDirectReplies(client, serviceUrl, this.direct) : client;
    });
  }
}

/** Options for {@link CachedConnectorsAuthentication}. */
export interface CachedConnectorsOptions {
  /** Most Bot Connector clients kept at once (default 200); the least recently used goes first. */
  readonly maxClients?: number;
  /**
   * How the clients send replies and new messages: directly, with the connector's own body and
   * credentials (default, see adapters/directReplies.ts), or `false` for the connector's pipeline.
   */
  readonly directReplies?: DirectReplyOptions | false;
}

/** Wraps a {@link BotFrameworkAuthentication} so its Bot Connector and user-token clients are reused across turns. */
export class CachedConnectorsAuthentication extends BotFrameworkAuthentication {
  private readonly clients: LRUCache<string, Promise<ConnectorClient>>;
  private readonly tokenClients: LRUCache<string, Promise<UserTokenClient>>;
  private readonly direct: DirectReplyOptions | false;

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    options: CachedConnectorsOptions = {},
  ) {
    super();
    const max = options.maxClients ?? defaultMaxClients;
    if (!Number.isInteger(max) || max < 1) throw new TypeError('CachedConnectorsAuthentication: maxClients must be a positive whole number');
    this.clients = new LRUCache({ max });
    this.tokenClients = new LRUCache({ max });
    this.direct = options.directReplies ?? {};
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.cached(await this.inner.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.cached(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new CachedConnectorFactory(this.inner.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity), this.clients, this.direct);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return cachedBuild(this.tokenClients, appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private cached(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: new CachedConnectorFactory(result.connectorFactory, appIdOf(result.claimsIdentity), this.clients, this.direct) };
  }
}
