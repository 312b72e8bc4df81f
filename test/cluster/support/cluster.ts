/**
 * Several Warmline instances as a deployment runs them: their own Redis (which a test may stop), N
 * instances as separate processes, and HAProxy in front. `clusterSuite()` starts one per test file
 * (skipped locally without HAProxy or redis-server, failing in CI) and prints every process's output
 * when a test fails.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStorageBackend } from '../../../storage/storageBackend';
import type { StorageBackend } from '../../../storage/storageBackend';
import { UserAccounts } from '../../../accounts/userAccounts';
import type { Role } from '../../../accounts/roles';
import { silentLogger } from '../../../logger';
import { freePort } from '../../support/testApp';
import { testPassword } from '../../support/studioAccounts';
import { isCi } from '../../support/services';
import { haproxyPath, LoadBalancer } from './loadBalancer';
import { RedisServer, redisServerPath } from './redisServer';
import { WarmlineInstance } from './warmlineInstance';

/** A running cluster. */
export interface Cluster {
  /** The load balancer's URL: where customers and agents connect. */
  readonly url: string;
  /** The local Direct Line secret every instance shares. */
  readonly secret: string;
  readonly redis: RedisServer;
  readonly balancer: LoadBalancer;
  readonly instances: readonly WarmlineInstance[];
  /** Makes a studio account `name` with `role` in the shared store (as `npm run users -- add` would). */
  addAccount(name: string, role: Role): Promise<void>;
  /** Runs `use` with a connection of its own to the shared store (to read what the instances stored). */
  withStore<T>(use: (store: StorageBackend) => Promise<T>): Promise<T>;
  /** Every process's recent output, for a failure report. */
  output(): string;
}

/** What a cluster is made of. */
export interface ClusterOptions {
  readonly instances?: number;
  /** Settings added to every instance's environment. */
  readonly env?: Record<string, string>;
}

/** Settings every instance gets unless the test says otherwise. */
const clusterDefaults: Record<string, string> = {
  STORAGE: 'redis',
  HOST: '127.0.0.1',
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  KNOWLEDGE_WATCH: 'false',
  // Sweeps and agent presence on a scale of seconds, so their effects show within a test.
  HANDOFF_SWEEP_SECONDS: '1',
  // Long enough that presence renewals delayed by a busy test machine do not take a connected agent offline.
  AGENT_GRACE_SECONDS: '6',
  // The Redis command deadline (2 s by default) is missed on a test machine whose cores other jobs share;
  // a Redis that is down refuses connections at once, so the outage scenario is not slowed by this.
  REDIS_COMMAND_TIMEOUT_MS: '5000',
};

/** Starts Redis, the instances (in parallel) and HAProxy; resolves once HAProxy sees every instance up. */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster & { stop(): Promise<void> }> {
  // Memory-backed when there is one: Redis's fsync per command then costs nothing, and its files still
  // outlive a killed redis-server (what the Redis restart scenario needs).
  const dir = await mkdtemp(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'warmline-cluster-'));
  const redis = new RedisServer(await freePort(), dir);
  const balancer = new LoadBalancer(await freePort(), await freePort(), dir);
  const secret = randomBytes(24).toString('base64url');
  const keyPrefix = `wlcluster:${randomBytes(6).toString('hex')}:`;
  const shared: Record<string, string> = {
    ...clusterDefaults,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: keyPrefix,
    DIRECTLINE_SECRET: secret,
    // Stream URLs handed to customers point at the load balancer, as PUBLIC_URL does behind one.
    PUBLIC_URL: balancer.url,
    ...options.env,
  };
  const instances: WarmlineInstance[] = [];
  for (let i = 1; i <= (options.instances ?? 3); i++) {
    const name = `w${i}`;
    const home = path.join(dir, name);
    await mkdir(home);
    const port = await freePort();
    const env = { PATH: process.env.PATH ?? '', HOME: home, ...shared, PORT: String(port), SQLITE_PATH: path.join(home, 'analytics.db') };
    instances.push(new WarmlineInstance(name, port, env, home));
  }
  const output = (): string => [redis.output(), ...instances.map((i) => i.output()), balancer.output()].filter((o) => o !== '').join('\n');
  const stop = async (): Promise<void> => {
    await balancer.stop();
    await Promise.all(instances.map((i) => i.stop('SIGKILL')));
    await redis.stop('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await redis.start();
    await Promise.all(instances.map((i) => i.start()));
    await balancer.start(instances.map((i) => ({ name: i.name, port: i.port })));
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url: balancer.url,
    secret,
    redis,
    balancer,
    instances,
    output,
    stop,
    withStore,
    addAccount(name, role) {
      return withStore(async (backend) => {
        // Cheap hashing, as the other tests' accounts: the instances read the parameters from the record.
        const accounts = new UserAccounts(backend.storage, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
        if (!(await accounts.find(name))) await accounts.add(name, role, testPassword);
      });
    },
  };

  async function withStore<T>(use: (store: StorageBackend) => Promise<T>): Promise<T> {
    const backend = await openStorageBackend({ kind: 'redis', url: redis.url, keyPrefix, commandTimeoutMs: 2000, retentionDays: 30 }, silentLogger());
    try {
      return await use(backend);
    } finally {
      await backend.close();
    }
  }
}

/**
 * Registers the file's hooks: a cluster started before its tests and stopped after them, every
 * process's output printed when a test fails. Returns the accessor of the running cluster.
 */
export function clusterSuite(options: ClusterOptions = {}): () => Cluster {
  let cluster: (Cluster & { stop(): Promise<void> }) | undefined;
  before(async function () {
    this.timeout(240_000);
    requireClusterTools(this);
    cluster = await startCluster(options);
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && cluster) console.log(`      cluster output:\n${cluster.output()}`);
  });
  after(async function () {
    this.timeout(30_000);
    await cluster?.stop();
  });
  return () => {
    if (!cluster) throw new Error('the cluster is not running');
    return cluster;
  };
}

/** Skips the suite locally when HAProxy or redis-server is missing; in CI (`CI=true`) that fails it. */
function requireClusterTools(ctx: Mocha.Context): void {
  const missing = [haproxyPath, redisServerPath].filter((p) => !existsSync(p));
  if (missing.length === 0) return;
  const reason = `the cluster tests need ${missing.join(' and ')} (apt-get install haproxy redis-server)`;
  if (isCi()) throw new Error(`${reason}; CI must run them`);
  console.log(`      skipping: ${reason}`);
  ctx.skip();
}
