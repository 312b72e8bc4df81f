/**
 * Typed, validated settings. This is the only module that reads `process.env`: everything else
 * receives a frozen {@link WarmlineConfig}. Every problem is reported at once, in one message.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { deepFreeze } from './yaml/deepFreeze';
import { defaultRetentionDays, parseRetentionDays } from './privacy/retentionPolicy';
import type { RetentionDays } from './privacy/retentionPolicy';
import { isRole, roles } from './accounts/roles';
import type { Role } from './accounts/roles';
import type { WordVectorFiles } from './knowledge/wordVectorFiles';
import { defaultHomeCountry, isCountryCode } from './knowledge/placeNames';

/** Where the project's own files (content/, web/) live, whether run from source or from dist/. */
export const appRoot: string = findAppRoot(__dirname);

function findAppRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'web'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = (min = 1) => z.coerce.number().int().min(min);

/** A bearer code: visible ASCII only (HTTP headers carry nothing else reliably), at least 12 characters. */
const accessCode = z
  .string()
  .min(12, 'must be at least 12 characters')
  .regex(/^[\x21-\x7e]+$/, 'use visible ASCII characters only (letters, digits, punctuation; no spaces)');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_MESSAGE_TEXT: boolean.default(false),

  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().default(''),
  // Read only by `npm run teams:package`, which checks them and reports every problem together.
  TEAMS_APP_ID: z.string().optional(),
  TEAMS_APP_VERSION: z.string().optional(),
  TEAMS_DEVELOPER_NAME: z.string().optional(),
  TEAMS_WEBSITE_URL: z.string().optional(),
  TEAMS_PRIVACY_URL: z.string().optional(),
  TEAMS_TERMS_URL: z.string().optional(),
  TEAMS_VALID_DOMAINS: z.string().optional(),
  ALLOW_ANONYMOUS: boolean.default(false),

  STORAGE: z.enum(['sqlite', 'redis', 'memory']).optional(),
  SQLITE_PATH: z.string().min(1).default('./data/warmline.db'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_KEY_PREFIX: z.string().default('warmline:'),
  REDIS_COMMAND_TIMEOUT_MS: positiveInt(50).max(60_000).default(2000),
  TRANSCRIPT_RETENTION_DAYS: positiveInt(1).max(3650).default(30),
  RECORD_RETENTION_DAYS: z.string().optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),

  MAX_BODY_BYTES: positiveInt(1024).max(50 * 1024 * 1024).default(256 * 1024),
  MAX_MESSAGE_CHARS: positiveInt(1).max(100_000).default(4000),
  SHUTDOWN_TIMEOUT_MS: positiveInt(100).max(120_000).default(10_000),

  DIRECTLINE_ENABLED: boolean.optional(),
  DIRECTLINE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  // Web Chat's client refreshes its token every 15 minutes, so a shorter life drops long chats.
  DIRECTLINE_TOKEN_TTL_SECONDS: positiveInt(1200).max(86_400).default(1800),
  DIRECTLINE_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  // A reload reconnects within seconds; only a page closed for longer is "the customer left".
  CUSTOMER_GRACE_SECONDS: positiveInt(1).max(3600).default(60),

  KNOWLEDGE_DIR: z.string().min(1).optional(),
  KNOWLEDGE_WATCH: boolean.optional(),
  WORD_VECTORS_ZH_CN: z.string().min(1).optional(),
  WORD_VECTORS_EN_US: z.string().min(1).optional(),
  HOME_COUNTRY: z.string().refine(isCountryCode, 'must be a country\'s ISO 3166 two-letter code, e.g. CN, US or GB').default(defaultHomeCountry),
  FLOWS_DIR: z.string().min(1).optional(),
  MESSAGES_DIR: z.string().min(1).optional(),

  ROUTING_FILE: z.string().min(1).optional(),
  AGENTS_FILE: z.string().min(1).optional(),
  CUSTOMERS_FILE: z.string().min(1).optional(),
  HANDOFF_HUB: z.enum(['builtin', 'external']).default('builtin'),
  HANDOFF_HUB_APP_IDS: z.string().optional(),
  HANDOFF_HUB_CHANNELS: z.string().optional(),
  HANDOFF_SWEEP_SECONDS: positiveInt(1).max(3600).default(30),
  AGENT_GRACE_SECONDS: positiveInt(1).max(3600).default(30),
  AGENT_ACCESS_CODE: accessCode.optional(),
  ADMIN_ACCESS_CODE: accessCode.optional(),
  SESSION_IDLE_MINUTES: positiveInt(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: positiveInt(1).max(30 * 24).default(12),
  // The GUID, not a domain: Entra's discovery names the issuer by GUID, and the issuer must match.
  ENTRA_TENANT_ID: z.guid('must be the Directory (tenant) id, a GUID such as 6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f').optional(),
  OIDC_ISSUER_URL: z.url({ protocol: /^https?$/ }).optional(),
  ENTRA_CLIENT_ID: z.string().min(1).optional(),
  ENTRA_CLIENT_SECRET: z.string().min(1).optional(),
  ENTRA_REDIRECT_URL: z.url({ protocol: /^https?$/ }).optional(),
  ENTRA_GROUP_ROLES: z.string().optional(),

  CRM_URL: z.url({ protocol: /^https?$/ }).optional(),
  CRM_TOKEN: z.string().min(1).optional(),
  CRM_TIMEOUT_MS: positiveInt(100).max(30_000).default(1500),
  CRM_CACHE_SECONDS: positiveInt(0).max(86_400).default(300),

  OFFERS_FILE: z.string().min(1).optional(),
  OFFER_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),

  SAMPLE_ORDERS_ENABLED: boolean.optional(),
  FLOW_BACKENDS: z.string().optional(),
  FLOW_BACKEND_TOKENS: z.string().optional(),
});

type Env = z.infer<typeof schema>;

/** Names of every environment variable Warmline reads (each is documented in .env.example). */
export const settingNames: readonly string[] = Object.freeze(Object.keys(schema.shape));

/** The Bot Framework identity of this bot; an empty `appId` means local anonymous mode. */
export interface BotIdentity {
  readonly appId: string;
  readonly appPassword: string;
  readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  readonly tenantId: string;
}

/** Which store holds bot state and transcripts. */
export type StorageSettings =
  | { readonly kind: 'sqlite'; readonly path: string; readonly retentionDays: number }
  | {
      readonly kind: 'redis';
      readonly url: string;
      readonly keyPrefix: string;
      /** How long one Redis command may wait for its reply before the turn fails. */
      readonly commandTimeoutMs: number;
      readonly retentionDays: number;
    }
  | { readonly kind: 'memory'; readonly retentionDays: number };

/** Settings of the local Direct Line 3.0 endpoint used by the bundled Web Chat page. */
export interface DirectLineSettings {
  readonly enabled: boolean;
  /** Secret for `Authorization: Bearer <secret>` and for signing tokens. */
  readonly secret: string;
  /** True when the secret was generated at start-up (tokens do not survive a restart). */
  readonly secretGenerated: boolean;
  readonly tokenTtlSeconds: number;
  /** A remote Direct Line 3.0 API (Azure's) the page uses when the local one is off. */
  readonly remoteEndpoint: string | undefined;
  /** Seconds a customer's page may stay disconnected from the local Direct Line before their agent is told they left. */
  readonly customerGraceSeconds: number;
}

/** Where the FAQ knowledge lives and whether edits are picked up as they happen. */
export interface KnowledgeSettings {
  /** Folder of `*.en-us.qna` / `*.zh-cn.qna` (or .tsv) files and settings.yaml. */
  readonly dir: string;
  /** Reload when the files change (default: on in development). SIGHUP always reloads. */
  readonly watch: boolean;
  /** Word-vector files (word2vec format) for the FAQ matcher's semantic term, by locale; absolute paths. */
  readonly wordVectors: WordVectorFiles;
  /** The country the business is based in (ISO 3166 alpha-2, upper case): its name is home, not abroad. */
  readonly homeCountry: string;
}

/** Where routing, the agent roster and customer profiles come from, and who runs the queue. */
export interface HandoffSettings {
  /** `content/routing.yaml` by default: queues, hours, topic → queue, tiers, escalation. */
  readonly routingFile: string;
  /** `content/agents.yaml` by default: the agent roster. */
  readonly agentsFile: string;
  /** `content/customers.yaml` by default: sample customer profiles (tiers). */
  readonly customersFile: string;
  /** `builtin`: Warmline's own queue and agents; `external`: a contact-centre hub via `handoff.initiate`. */
  readonly hub: 'builtin' | 'external';
  /** App ids (JWT `appid`/`azp`) whose `handoff.status` events are the hub's. */
  readonly hubAppIds: readonly string[];
  /** Channel ids that carry only the hub's activities (vouched for by Bot Framework authentication). */
  readonly hubChannels: readonly string[];
  /** How often waits are checked for timeouts and position changes. */
  readonly sweepSeconds: number;
  /** Seconds after an agent's last workspace page closed before they are offline and their customers go back to the queue. */
  readonly agentGraceSeconds: number;
  /** Code an agent gives the bundled Web Chat page (`?code=`) to use their agent user id. */
  readonly agentAccessCode: string | undefined;
}

/** A CRM that supplies customer profiles over HTTP instead of the customers file. */
export interface CrmSettings {
  /** Base URL of the CRM's API, without a trailing slash; profiles are at `{url}/customers/{user id}`. */
  readonly url: string;
  /** Sent as `Authorization: Bearer <token>` when set. Secret: never log it. */
  readonly token: string | undefined;
  /** How long one profile request may take before the turn carries on without it. */
  readonly timeoutMs: number;
  /** How long an answer is reused; 0 asks the CRM every time. */
  readonly cacheSeconds: number;
}

/** Where the offer catalogue lives and who hears about accepted offers. */
export interface OfferSettings {
  /** `content/offers.yaml` by default: the offer catalogue. */
  readonly file: string;
  /** Accepted offers are POSTed here when set. */
  readonly webhookUrl?: string;
}

/** The sample store's order service (`GET /sample/orders/:id`) the sample topics look orders up in. */
export interface SampleOrderSettings {
  /** Served when true: by default everywhere but production. */
  readonly enabled: boolean;
  /** `content/sampleOrders.yaml`: the sample orders. */
  readonly file: string;
}

/** Warmline Studio sign-in sessions (docs/STUDIO_API.md). */
export interface StudioSettings {
  /** A session not used for this many minutes ends (`SESSION_IDLE_MINUTES`, default 30). */
  readonly sessionIdleMinutes: number;
  /** A session ends this many hours after sign-in, however busy (`SESSION_MAX_HOURS`, default 12). */
  readonly sessionMaxHours: number;
  /** The session cookie is `Secure`: the public URL is https. */
  readonly secureCookie: boolean;
  /** Single sign-on with Microsoft Entra ID (or another OpenID provider); off when undefined. */
  readonly sso: SsoSettings | undefined;
}

/** Single sign-on with OpenID Connect (docs/STUDIO_API.md, "Single sign-on (Entra ID)"). */
export interface SsoSettings {
  /** The issuer: `https://login.microsoftonline.com/<ENTRA_TENANT_ID>/v2.0`, or `OIDC_ISSUER_URL`. */
  readonly issuerUrl: string;
  readonly clientId: string;
  /** Secret: never log it. */
  readonly clientSecret: string;
  /** Where the provider sends the browser back: `ENTRA_REDIRECT_URL`, default `<PUBLIC_URL>/api/auth/sso/callback`. */
  readonly redirectUrl: string;
  /** Group object id (the ID token's `groups` claim) → the role its members get. */
  readonly groupRoles: Readonly<Record<string, Role>>;
}

/** Every setting Warmline reads, validated and frozen. */
export interface WarmlineConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Base URL at which browsers and the local Direct Line reach this server. */
  readonly publicUrl: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** When false (default), message text never reaches the logs (P10). */
  readonly logMessageText: boolean;
  /** Production without an app id was allowed explicitly (private networks only). */
  readonly allowAnonymous: boolean;
  readonly bot: BotIdentity;
  /** The `TEAMS_*` settings of the Teams app package, as written (checked when the package is built). */
  readonly teamsApp: TeamsAppSettings;
  readonly storage: StorageSettings;
  /** How long each kind of stored record is kept (`RECORD_RETENTION_DAYS`; docs/PRIVACY.md). */
  readonly recordRetentionDays: RetentionDays;
  /** Where analytics events go: PostgreSQL (`DATABASE_URL`), else the embedded SQLite database (`SQLITE_PATH`, also with Redis storage). */
  readonly analytics: { readonly databaseUrl: string | undefined; readonly sqlitePath: string };
  readonly maxBodyBytes: number;
  readonly maxMessageChars: number;
  readonly shutdownTimeoutMs: number;
  readonly directLine: DirectLineSettings;
  readonly knowledge: KnowledgeSettings;
  /** Folder of the dialog-flow topics (`*.yaml`, one topic a file): `FLOWS_DIR`, default content/flows. */
  readonly flowsDir: string;
  /** Folder of the message catalogue (`en-US.yaml`, `zh-CN.yaml`): `MESSAGES_DIR`, default content/messages. */
  readonly messagesDir: string;
  readonly handoff: HandoffSettings;
  /** Customer profiles come from this CRM when set, else from `handoff.customersFile`. */
  readonly crm: CrmSettings | undefined;
  readonly offers: OfferSettings;
  readonly sampleOrders: SampleOrderSettings;
  /** Backends dialog flows may call (`HttpRequest`): name → base URL and optional bearer token. */
  readonly flowBackends: readonly { readonly name: string; readonly baseUrl: string; readonly token?: string }[];
  /** Bearer token of the admin APIs (`/api/offers/...`); they are off without one. */
  readonly adminAccessCode: string | undefined;
  readonly studio: StudioSettings;
  /** Folder holding content/ and web/. */
  readonly appRoot: string;
  /** The built studio app (dist/studio, written by npm run build). */
  readonly studioDir: string;
  /** The built agent workspace app (dist/agent, written by npm run build). */
  readonly agentDir: string;
}

/** What `npm run teams:package` puts in the Teams app manifest besides the bot's app id; unset is undefined. */
export interface TeamsAppSettings {
  readonly appId: string | undefined;
  readonly version: string | undefined;
  readonly developerName: string | undefined;
  readonly websiteUrl: string | undefined;
  readonly privacyUrl: string | undefined;
  readonly termsOfUseUrl: string | undefined;
  /** Comma-separated, as written. */
  readonly validDomains: string | undefined;
}

/** Thrown when the environment does not describe a valid configuration; lists every problem. */
export class ConfigError extends Error {
  readonly code = 'WL_CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
      problems.map((p) => `  - ${p}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates settings from an environment (by default `process.env`).
 * Blank values count as unset, so an `.env` copied from `.env.example` works as it is.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): WarmlineConfig {
  const raw: Record<string, string> = {};
  for (const key of settingNames) {
    const value = source[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const env = parsed.data;
  const problems = crossCheck(env);
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(build(env));
}

function crossCheck(env: Env): string[] {
  const problems: string[] = [];
  const retention = parseRetentionDays(env.RECORD_RETENTION_DAYS);
  if (!retention.ok) problems.push(...retention.problems.map((p) => `RECORD_RETENTION_DAYS: ${p}`));
  if (env.STORAGE === 'redis' && !env.REDIS_URL) problems.push('STORAGE=redis needs REDIS_URL');
  if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    problems.push('MicrosoftAppId is set, so MicrosoftAppPassword is required (or MicrosoftAppType=UserAssignedMSI)');
  }
  if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
    problems.push('MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId');
  }
  if (env.DIRECTLINE_ENABLED === true && env.MicrosoftAppId) {
    problems.push('DIRECTLINE_ENABLED works only in local anonymous mode (no MicrosoftAppId); in Azure use the Direct Line channel');
  }
  const directLineOn = env.DIRECTLINE_ENABLED ?? !env.MicrosoftAppId;
  if (directLineOn && !['0.0.0.0', '::', '127.0.0.1', 'localhost', '::1'].includes(env.HOST)) {
    problems.push(`HOST=${env.HOST} does not include loopback, which the local Direct Line uses to reach the bot; use 0.0.0.0, :: or 127.0.0.1, or set DIRECTLINE_ENABLED=false`);
  }
  if (env.DIRECTLINE_ENDPOINT && !env.DIRECTLINE_SECRET) {
    problems.push('DIRECTLINE_ENDPOINT needs DIRECTLINE_SECRET (the Direct Line channel secret from the Azure portal)');
  }
  if (env.NODE_ENV === 'production' && env.DIRECTLINE_ENABLED === true && !env.DIRECTLINE_SECRET) {
    problems.push('DIRECTLINE_ENABLED in production needs a fixed DIRECTLINE_SECRET');
  }
  if (env.NODE_ENV === 'production' && !env.MicrosoftAppId && !env.ALLOW_ANONYMOUS) {
    problems.push('NODE_ENV=production needs MicrosoftAppId (Bot Framework authentication); to run without it on a private network only, set ALLOW_ANONYMOUS=true (see docs/SECURITY.md)');
  }
  if (env.HANDOFF_HUB === 'external' && env.MicrosoftAppId && !env.HANDOFF_HUB_APP_IDS && !env.HANDOFF_HUB_CHANNELS) {
    problems.push('HANDOFF_HUB=external with MicrosoftAppId needs HANDOFF_HUB_APP_IDS or HANDOFF_HUB_CHANNELS, so that handoff.status events are taken only from the hub');
  }
  for (const [name, url] of pairs(env.FLOW_BACKENDS)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) problems.push(`FLOW_BACKENDS: "${name}" is not a backend name (lower-case letters, digits and "-", e.g. orders=https://erp.example/api)`);
    if (!/^https?:\/\/\S+$/.test(url)) problems.push(`FLOW_BACKENDS: ${name || '(no name)'} needs an http(s) base URL, e.g. ${name || 'orders'}=https://erp.example/api`);
  }
  for (const [name] of pairs(env.FLOW_BACKEND_TOKENS)) {
    if (!pairs(env.FLOW_BACKENDS).some(([n]) => n === name)) problems.push(`FLOW_BACKEND_TOKENS: no backend "${name}" in FLOW_BACKENDS`);
  }
  if (env.SESSION_IDLE_MINUTES > env.SESSION_MAX_HOURS * 60) {
    problems.push(`SESSION_IDLE_MINUTES (${env.SESSION_IDLE_MINUTES}) is longer than SESSION_MAX_HOURS (${env.SESSION_MAX_HOURS} h): a session could never be idle that long`);
  }
  problems.push(...ssoProblems(env));
  for (const [name, file] of [['WORD_VECTORS_ZH_CN', env.WORD_VECTORS_ZH_CN], ['WORD_VECTORS_EN_US', env.WORD_VECTORS_EN_US]] as const) {
    if (file !== undefined && !isFile(file)) problems.push(`${name}: ${path.resolve(file)} is not a readable file (a word2vec-format word-vector file, text or binary; see docs/FAQ_MATCHER.md)`);
  }
  if (env.CRM_TOKEN && !env.CRM_URL) problems.push('CRM_TOKEN is set but CRM_URL is not; set CRM_URL to use the CRM, or remove CRM_TOKEN');
  return problems;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The operator's word-vector files by locale (WORD_VECTORS_ZH_CN, WORD_VECTORS_EN_US), resolved; for
 * tools that need only these settings, such as `npm run kb`.
 */
export function wordVectorFiles(source: Readonly<Record<string, string | undefined>>): WordVectorFiles {
  const pick = (name: string): string | undefined => {
    const value = source[name]?.trim();
    return value ? path.resolve(value) : undefined;
  };
  const zh = pick('WORD_VECTORS_ZH_CN');
  const en = pick('WORD_VECTORS_EN_US');
  return { ...(zh ? { 'zh-CN': zh } : {}), ...(en ? { 'en-US': en } : {}) };
}

/**
 * The settings that change how the FAQ matcher matches (word-vector files, home country), for tools
 * that need only these, such as `npm run kb`; the home country is checked where it is used.
 */
export function matcherSettings(source: Readonly<Record<string, string | undefined>>): { wordVectors: WordVectorFiles; homeCountry: string } {
  return { wordVectors: wordVectorFiles(source), homeCountry: source.HOME_COUNTRY?.trim() || defaultHomeCountry };
}

const loopbackHosts = ['localhost', '127.0.0.1', '[::1]'];

/** What is wrong with the single sign-on settings: all or none of the required ones, one issuer, roles that exist. */
function ssoProblems(env: Env): string[] {
  const problems: string[] = [];
  const issuerSet = Boolean(env.ENTRA_TENANT_ID || env.OIDC_ISSUER_URL);
  const anySet = issuerSet || Boolean(env.ENTRA_CLIENT_ID || env.ENTRA_CLIENT_SECRET || env.ENTRA_REDIRECT_URL || env.ENTRA_GROUP_ROLES);
  if (!anySet) return problems;
  if (env.ENTRA_TENANT_ID && env.OIDC_ISSUER_URL) problems.push('ENTRA_TENANT_ID and OIDC_ISSUER_URL are both set: single sign-on uses one issuer; keep one');
  if (!issuerSet) problems.push('single sign-on needs ENTRA_TENANT_ID (or OIDC_ISSUER_URL for another OpenID provider)');
  if (!env.ENTRA_CLIENT_ID) problems.push('single sign-on needs ENTRA_CLIENT_ID (the app registration\'s Application (client) id)');
  if (!env.ENTRA_CLIENT_SECRET) problems.push('single sign-on needs ENTRA_CLIENT_SECRET (a client secret of the app registration)');
  const issuer = env.OIDC_ISSUER_URL ? new URL(env.OIDC_ISSUER_URL) : undefined;
  if (issuer?.protocol === 'http:' && !loopbackHosts.includes(issuer.hostname)) {
    problems.push(`OIDC_ISSUER_URL must be https (http is allowed only for a provider on this machine, such as a test one); got ${issuer.origin}`);
  }
  for (const [group, role] of pairs(env.ENTRA_GROUP_ROLES)) {
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(group)) problems.push(`ENTRA_GROUP_ROLES: "${group.slice(0, 40)}" is not a group object id (write <group object id>=<role>, e.g. 6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f=admin)`);
    if (!isRole(role)) problems.push(`ENTRA_GROUP_ROLES: ${group || '(no group)'} maps to "${role.slice(0, 40)}", which is not a role: use one of ${roles.join(', ')}`);
  }
  const groups = pairs(env.ENTRA_GROUP_ROLES).map(([g]) => g.toLowerCase());
  const twice = groups.filter((g, i) => groups.indexOf(g) !== i);
  if (twice.length > 0) problems.push(`ENTRA_GROUP_ROLES: group ${twice[0] ?? ''} is mapped more than once; give each group one role`);
  return problems;
}

/** The single sign-on settings (already checked by ssoProblems), or undefined when it is off. */
function ssoSettings(env: Env): SsoSettings | undefined {
  if (!env.ENTRA_CLIENT_ID || !env.ENTRA_CLIENT_SECRET || !(env.ENTRA_TENANT_ID || env.OIDC_ISSUER_URL)) return undefined;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  const groupRoles: Record<string, Role> = {};
  for (const [group, role] of pairs(env.ENTRA_GROUP_ROLES)) if (isRole(role)) groupRoles[group.toLowerCase()] = role;
  return {
    issuerUrl: env.OIDC_ISSUER_URL ?? `https://login.microsoftonline.com/${env.ENTRA_TENANT_ID ?? ''}/v2.0`,
    clientId: env.ENTRA_CLIENT_ID,
    clientSecret: env.ENTRA_CLIENT_SECRET,
    redirectUrl: env.ENTRA_REDIRECT_URL ?? `${publicUrl}/api/auth/sso/callback`,
    groupRoles,
  };
}

/** `orders=https://erp.example/api,crm=…` with `orders=token,…` as backends (checked in crossCheck). */
function flowBackendsSetting(backends: string | undefined, tokens: string | undefined): { name: string; baseUrl: string; token?: string }[] {
  const tokenOf = new Map(pairs(tokens));
  return pairs(backends).map(([name, baseUrl]) => ({ name, baseUrl, ...(tokenOf.get(name) ? { token: tokenOf.get(name) as string } : {}) }));
}

/** `a=1,b=2` as pairs (split at the first `=`). */
function pairs(value: string | undefined): [string, string][] {
  return listSetting(value).map((item) => {
    const at = item.indexOf('=');
    return [item.slice(0, at).trim(), item.slice(at + 1).trim()];
  });
}

/** A comma-separated setting as a list without blanks. */
function listSetting(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
}

function build(env: Env): WarmlineConfig {
  const retentionDays = env.TRANSCRIPT_RETENTION_DAYS;
  const kind = env.STORAGE ?? (env.REDIS_URL ? 'redis' : 'sqlite');
  const storage: StorageSettings =
    kind === 'redis'
      ? { kind, url: env.REDIS_URL ?? '', keyPrefix: env.REDIS_KEY_PREFIX, commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS, retentionDays }
      : kind === 'sqlite'
        ? { kind, path: path.resolve(env.SQLITE_PATH), retentionDays }
        : { kind, retentionDays };
  const secret = env.DIRECTLINE_SECRET ?? randomBytes(24).toString('base64url');
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    logLevel: env.LOG_LEVEL,
    logMessageText: env.LOG_MESSAGE_TEXT,
    allowAnonymous: env.ALLOW_ANONYMOUS,
    bot: {
      appId: env.MicrosoftAppId,
      appPassword: env.MicrosoftAppPassword,
      appType: env.MicrosoftAppType,
      tenantId: env.MicrosoftAppTenantId,
    },
    teamsApp: {
      appId: env.TEAMS_APP_ID,
      version: env.TEAMS_APP_VERSION,
      developerName: env.TEAMS_DEVELOPER_NAME,
      websiteUrl: env.TEAMS_WEBSITE_URL,
      privacyUrl: env.TEAMS_PRIVACY_URL,
      termsOfUseUrl: env.TEAMS_TERMS_URL,
      validDomains: env.TEAMS_VALID_DOMAINS,
    },
    storage,
    recordRetentionDays: recordRetentionDays(env.RECORD_RETENTION_DAYS),
    analytics: { databaseUrl: env.DATABASE_URL, sqlitePath: path.resolve(env.SQLITE_PATH) },
    maxBodyBytes: env.MAX_BODY_BYTES,
    maxMessageChars: env.MAX_MESSAGE_CHARS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    directLine: {
      // The local Direct Line stands in for Azure's; with a real app registration, use Azure's.
      enabled: env.DIRECTLINE_ENABLED ?? env.MicrosoftAppId === '',
      secret,
      secretGenerated: env.DIRECTLINE_SECRET === undefined,
      tokenTtlSeconds: env.DIRECTLINE_TOKEN_TTL_SECONDS,
      remoteEndpoint: env.DIRECTLINE_ENDPOINT?.replace(/\/+$/, ''),
      customerGraceSeconds: env.CUSTOMER_GRACE_SECONDS,
    },
    knowledge: {
      dir: env.KNOWLEDGE_DIR ? path.resolve(env.KNOWLEDGE_DIR) : path.join(appRoot, 'content', 'knowledge'),
      watch: env.KNOWLEDGE_WATCH ?? env.NODE_ENV === 'development',
      wordVectors: wordVectorFiles({ WORD_VECTORS_ZH_CN: env.WORD_VECTORS_ZH_CN, WORD_VECTORS_EN_US: env.WORD_VECTORS_EN_US }),
      homeCountry: env.HOME_COUNTRY.toUpperCase(),
    },
    flowsDir: env.FLOWS_DIR ? path.resolve(env.FLOWS_DIR) : path.join(appRoot, 'content', 'flows'),
    messagesDir: env.MESSAGES_DIR ? path.resolve(env.MESSAGES_DIR) : path.join(appRoot, 'content', 'messages'),
    handoff: {
      routingFile: env.ROUTING_FILE ? path.resolve(env.ROUTING_FILE) : path.join(appRoot, 'content', 'routing.yaml'),
      agentsFile: env.AGENTS_FILE ? path.resolve(env.AGENTS_FILE) : path.join(appRoot, 'content', 'agents.yaml'),
      customersFile: env.CUSTOMERS_FILE ? path.resolve(env.CUSTOMERS_FILE) : path.join(appRoot, 'content', 'customers.yaml'),
      hub: env.HANDOFF_HUB,
      hubAppIds: listSetting(env.HANDOFF_HUB_APP_IDS),
      hubChannels: listSetting(env.HANDOFF_HUB_CHANNELS),
      sweepSeconds: env.HANDOFF_SWEEP_SECONDS,
      agentGraceSeconds: env.AGENT_GRACE_SECONDS,
      agentAccessCode: env.AGENT_ACCESS_CODE,
    },
    crm: env.CRM_URL
      ? { url: env.CRM_URL.replace(/\/+$/, ''), token: env.CRM_TOKEN, timeoutMs: env.CRM_TIMEOUT_MS, cacheSeconds: env.CRM_CACHE_SECONDS }
      : undefined,
    offers: {
      file: env.OFFERS_FILE ? path.resolve(env.OFFERS_FILE) : path.join(appRoot, 'content', 'offers.yaml'),
      ...(env.OFFER_WEBHOOK_URL ? { webhookUrl: env.OFFER_WEBHOOK_URL } : {}),
    },
    flowBackends: flowBackendsSetting(env.FLOW_BACKENDS, env.FLOW_BACKEND_TOKENS),
    sampleOrders: { enabled: env.SAMPLE_ORDERS_ENABLED ?? env.NODE_ENV !== 'production', file: path.join(appRoot, 'content', 'sampleOrders.yaml') },
    adminAccessCode: env.ADMIN_ACCESS_CODE,
    studio: {
      sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      sessionMaxHours: env.SESSION_MAX_HOURS,
      secureCookie: (env.PUBLIC_URL ?? '').startsWith('https:'),
      sso: ssoSettings(env),
    },
    appRoot,
    studioDir: path.join(appRoot, 'dist', 'studio'),
    agentDir: path.join(appRoot, 'dist', 'agent'),
  };
}

/** The record retention periods (already checked by crossCheck). */
function recordRetentionDays(setting: string | undefined): RetentionDays {
  const parsed = parseRetentionDays(setting);
  return parsed.ok ? parsed.days : defaultRetentionDays;
}
