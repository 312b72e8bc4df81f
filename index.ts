/**
 * Warmline's public API: the building blocks a host embeds, and `startWarmline` for the whole
 * reference bot. Run as a program (`npm start`), it starts the server (app/main.ts).
 */
import { main } from './app/main';

export { loadConfig, ConfigError } from './config';
export type { WarmlineConfig, StorageSettings, BotIdentity, DirectLineSettings, KnowledgeSettings, HandoffSettings } from './config';
export { createLogger } from './logger';
export { WarmlineBot, joinEventName, handoffStatusEventName } from './bots/warmlineBot';
export type { WarmlineBotDeps } from './bots/warmlineBot';
export type { ConversationData, UserProfile, ConversationSession } from './dialogs/turnState';
export type { PostResolutionHook } from './dialogs/resolutionDialog';
export type { Summarizer, HandoffSummary, SummaryInput } from './handoff/handoffSummary';
export type { EscalationPolicy, EscalationReason } from './handoff/escalation';
export type { HandoffRecord, HandoffState } from './handoff/handoffRecord';
export type { RoutingConfig, AgentProfile } from './handoff/routing';
export type { CustomerProfiles, CustomerProfile } from './customers/customerProfiles';
export { HandoffDesk } from './handoff/handoffDesk';
export { RuleSummarizer } from './handoff/ruleSummarizer';
export { RuleEscalationPolicy } from './handoff/escalationPolicy';
export { MainDialog, mainDialogId } from './dialogs/mainDialog';
export { FaqDialog, faqDialogId } from './dialogs/faqDialog';
export type { FaqOutcome } from './dialogs/faqDialog';
export { FaqMatcher, recommendedThresholds } from './knowledge/faqMatcher';
export { FaqService } from './knowledge/faqService';
export { openFaqService } from './knowledge/openFaqService';
export { ActiveLearning } from './knowledge/activeLearning';
export { loadKnowledge, buildKnowledgeBase } from './knowledge/knowledgeLoader';
export { decideAnswer } from './knowledge/answerPolicy';
export type { KnowledgeBase, KnowledgeEntry, KnowledgeLocale } from './knowledge/knowledgeBase';
export type { Matcher, MatchCandidate, MatchQuery } from './knowledge/matcher';
export { createBotAdapter, installTurnErrorHandler } from './adapters/botAdapter';
export { TranscriptMiddleware } from './adapters/transcriptMiddleware';
export { LocalDirectLine } from './adapters/directLine/localDirectLine';
export { openStorageBackend } from './storage/storageBackend';
export type { StorageBackend } from './storage/storageBackend';
export type { TranscriptArchive } from './storage/transcriptArchive';
export { SqliteStorage } from './storage/sqliteStorage';
export { RedisStorage } from './storage/redisStorage';
export { MemoryStorage } from './storage/memoryStorage';
export { supportedLocales, chooseLocale, toSupportedLocale } from './locale/locale';
export type { SupportedLocale } from './locale/locale';
export { createWarmlineBot } from './app/createWarmlineBot';
export type { BotParts, ResumableSink } from './app/createWarmlineBot';
export { startWarmline } from './app/startWarmline';
export type { WarmlineApp, StartOptions } from './app/startWarmline';
export { main } from './app/main';

if (require.main === module) {
  void main();
}
