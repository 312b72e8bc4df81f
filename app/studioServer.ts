/**
 * Warmline Studio's server side, wired: who may call (accounts, sessions, API tokens, the guard and
 * the sign-in and users routes), and the admins' work on content (drafts, one publish, versions and
 * audit; flows, knowledge, settings; the test chat on the drafts; analytics and conversations).
 * Everything lives in the bot's Storage (and the analytics store), so every instance serves it.
 */
import type { Storage, TranscriptStore } from 'botbuilder';
import type restify from 'restify';
import type { Logger } from 'pino';
import { AccountAdmin } from '../accounts/accountAdmin';
import { AccountAudit } from '../accounts/accountAudit';
import { ApiTokens } from '../accounts/apiTokens';
import { SignIn } from '../accounts/signIn';
import { SignInLimiter, defaultSignInLimits } from '../accounts/signInLimiter';
import { SsoAttempts } from '../accounts/ssoAttempts';
import { SsoSignIn } from '../accounts/ssoSignIn';
import { StudioSessions } from '../accounts/studioSessions';
import { UserAccounts } from '../accounts/userAccounts';
import type { FlowBackends } from '../adapters/flowBackends';
import { registerAnalyticsRoutes } from '../adapters/studio/analyticsRoutes';
import { registerAuthRoutes } from '../adapters/studio/authRoutes';
import { registerConversationRoutes } from '../adapters/studio/conversationRoutes';
import { registerFlowsRoutes } from '../adapters/studio/flowsRoutes';
import { registerKnowledgeRoutes } from '../adapters/studio/knowledgeRoutes';
import { registerPreviewRoutes } from '../adapters/studio/previewRoutes';
import { registerPublishRoutes } from '../adapters/studio/publishRoutes';
import { registerSettingsRoutes } from '../adapters/studio/settingsRoutes';
import { registerSsoRoutes } from '../adapters/studio/ssoRoutes';
import { StudioGuard } from '../adapters/studio/studioGuard';
import { registerUserRoutes } from '../adapters/studio/userRoutes';
import type { AnalyticsStore } from '../analytics/analyticsStore';
import type { BufferedRecorder } from '../analytics/bufferedRecorder';
import type { WarmlineConfig } from '../config';
import type { CustomerProfiles } from '../customers/customerProfiles';
import { flowSetProblems } from '../flows/topicLoader';
import { topicTriggerEntries } from '../flows/topicTriggers';
import type { HandoffRecord } from '../handoff/handoffRecord';
import type { AgentRoster } from '../handoff/routing';
import type { ActiveLearning } from '../knowledge/activeLearning';
import type { FaqService } from '../knowledge/faqService';
import { KnowledgeTrial } from '../knowledge/knowledgeTrial';
import { KnowledgeWorkspace } from '../knowledge/knowledgeWorkspace';
import { LearningReview } from '../knowledge/learningReview';
import type { ContentInForce } from '../publishing/adminKinds';
import type { ContentFile, ContentKind, ContentProblem } from '../publishing/contentBundle';
import { ContentDrafts } from '../publishing/contentDrafts';
import { ContentVersions } from '../publishing/contentVersions';
import { DraftPublisher } from '../publishing/draftPublisher';
import type { KeyListing } from '../storage/keyListing';
import type { AdminContent } from './adminContent';
import { flowValidation } from './flowContent';
import type { FlowContent } from './flowContent';
import { PreviewBots } from './previewBots';
import { PreviewContentLoader } from './previewContent';

/** The guard every studio route and the accounts-aware APIs use, and the audit of account changes. */
export interface StudioAccess {
  readonly guard: StudioGuard;
  readonly accountAudit: AccountAudit;
}

/** Opens accounts, sessions and API tokens in `storage`, and registers the sign-in (password and single sign-on, whose roles read the roster in force) and users routes. */
export function registerStudioAccess(server: restify.Server, storage: Storage & KeyListing, config: WarmlineConfig, now: () => Date, logger: Logger, roster: () => AgentRoster): StudioAccess {
  const accounts = new UserAccounts(storage, { now });
  const sessions = new StudioSessions(storage, accounts, { idleMs: config.studio.sessionIdleMinutes * 60_000, absoluteMs: config.studio.sessionMaxHours * 3_600_000 }, now);
  const signIn = new SignIn(accounts, sessions, new SignInLimiter(storage, defaultSignInLimits, now));
  const apiTokens = new ApiTokens(storage, accounts, { now });
  const accountAudit = new AccountAudit(storage, now);
  const guard = new StudioGuard(sessions, config.studio.secureCookie, apiTokens);
  registerAuthRoutes(server, { accounts, sessions, signIn, guard, secureCookie: config.studio.secureCookie, now, logger });
  registerUserRoutes(server, { guard, admin: new AccountAdmin(accounts, apiTokens, accountAudit), logger });
  const sso = config.studio.sso;
  const ssoSignIn = new SsoSignIn(accounts, sessions, accountAudit, { groupRoles: sso?.groupRoles ?? {}, roster });
  registerSsoRoutes(server, { settings: sso, signIn: ssoSignIn, attempts: new SsoAttempts(storage, now), sessions, secureCookie: config.studio.secureCookie, now, logger });
  return { guard, accountAudit };
}

/** What the content side of the studio works on: the running bot's parts. */
export interface StudioContentDeps {
  readonly access: StudioAccess;
  readonly storage: Storage & KeyListing;
  readonly transcripts: TranscriptStore;
  readonly admin: AdminContent;
  readonly flows: FlowContent;
  readonly faq: FaqService;
  readonly learning: ActiveLearning;
  readonly profiles: CustomerProfiles;
  readonly flowBackends: FlowBackends;
  readonly analytics: { readonly store: AnalyticsStore; readonly recorder: BufferedRecorder };
  readonly handoff: (id: string) => Promise<HandoffRecord | undefined>;
  readonly maxMessageChars: number;
  readonly now: () => Date;
  readonly logger: Logger;
  /** Tells every instance that published content changed (they check at once instead of at their next poll). */
  readonly announcePublished?: () => void;
}

/** Registers drafts and publishing, the flows, knowledge and settings editors, the test chat, analytics and conversations. */
export function registerStudioContent(server: restify.Server, deps: StudioContentDeps): void {
  const { guard, accountAudit } = deps.access;
  const { admin, flows, now, logger } = deps;
  const versions = new ContentVersions(deps.storage);
  const drafts = new ContentDrafts(deps.storage, versions, { now });
  // Flows are checked with the routing they will run with (a draft routing's phrases, else the one in force).
  const flowProblems = (files: readonly ContentFile[], after: ContentInForce) => flowSetProblems(files, flowValidation(after.routing ?? admin.routing()));
  const inForce = (): ContentInForce => ({ routing: admin.routing(), roster: admin.roster(), topics: deps.faq.topics() });
  const publisher = new DraftPublisher(drafts, versions, inForce, flowProblems);
  // One kind's problems: a save of a topic does not validate the knowledge base again.
  const problemsOf = async (kind: ContentKind): Promise<ContentProblem[]> => [...(await publisher.plan(kind)).problems];

  registerPublishRoutes(server, { guard, drafts, publisher, versions, problemsOf, accountAudit, ...(deps.announcePublished ? { announce: deps.announcePublished } : {}) });
  registerFlowsRoutes(server, { guard, flows: () => flows.current(), versions, drafts, problems: () => problemsOf('flows') });
  registerSettingsRoutes(server, { guard, drafts, problemsOf, inForce });
  const workspace = new KnowledgeWorkspace(drafts, versions);
  registerKnowledgeRoutes(server, {
    guard,
    workspace,
    trial: new KnowledgeTrial({ topics: () => topicTriggerEntries(flows.current()) }),
    review: new LearningReview(deps.learning, workspace),
    problems: () => problemsOf('knowledge'),
  });
  // The test chat: the bot on the drafts, in a memory store of its own per test conversation.
  const previewBots = new PreviewBots({ content: new PreviewContentLoader(drafts), profiles: deps.profiles, flowBackends: deps.flowBackends, maxMessageChars: deps.maxMessageChars, logger });
  registerPreviewRoutes(server, { guard, bots: previewBots, flowFiles: async () => (await drafts.compose('flows')).files, maxTextChars: deps.maxMessageChars * 4, logger });
  const flush = () => deps.analytics.recorder.flush();
  registerAnalyticsRoutes(server, { guard, store: deps.analytics.store, flush, now, logger });
  registerConversationRoutes(server, { guard, store: deps.analytics.store, transcripts: deps.transcripts, handoff: deps.handoff, flush, now, logger });
}
