/**
 * The content the studio's test chat runs (issue 12): every kind's draft composed over its published
 * version (a kind without a draft is its published version), loaded exactly as a publish would load
 * it (the same parsers and checks as app/adminContent.ts and app/flowContent.ts). Loaded objects are
 * kept by the composed files' ids, so an unchanged draft is not loaded twice and the knowledge
 * matcher is rebuilt only when the knowledge or the topics' trigger queries change.
 */
import type { FlowSet } from '../flows/flowDefinition';
import { parseFlowSet } from '../flows/topicLoader';
import { topicTriggerEntries } from '../flows/topicTriggers';
import type { AgentRoster, RoutingConfig } from '../handoff/routing';
import { rosterOfBundle, routingOfBundle } from '../handoff/routingBundle';
import { FaqMatcher } from '../knowledge/faqMatcher';
import { FaqService } from '../knowledge/faqService';
import { loadKnowledgeBundle } from '../knowledge/knowledgeBundle';
import { messagesOfBundle } from '../messages/messageBundle';
import type { MessageCatalogue } from '../messages/messageCatalogue';
import { offersOfBundle } from '../offers/offerBundle';
import type { OfferCatalogue } from '../offers/offerCatalogue';
import { bundleId, contentKinds } from '../publishing/contentBundle';
import type { ContentFile, ContentKind, ContentProblem } from '../publishing/contentBundle';
import type { ContentDrafts } from '../publishing/contentDrafts';
import { flowValidation } from './flowContent';

/** Everything a preview bot runs on, and which drafts it holds. */
export interface PreviewContent {
  /** One id for the whole composition: the same drafts over the same published versions give the same key. */
  readonly key: string;
  /** The composed files' id per kind. */
  readonly ids: Readonly<Record<ContentKind, string>>;
  /** The kinds whose draft has changes (the others run as published). */
  readonly drafted: readonly ContentKind[];
  readonly flowFiles: readonly ContentFile[];
  readonly flows?: FlowSet;
  readonly faq: FaqService;
  readonly routing: RoutingConfig;
  readonly roster: AgentRoster;
  readonly offers?: OfferCatalogue;
  readonly messages: MessageCatalogue;
}

/** A kind's problem that keeps the composition from running. */
export interface PreviewProblem extends ContentProblem {
  readonly kind: ContentKind;
}

/** Thrown when a composed draft does not load: fix (or discard) the draft first. */
export class PreviewBlockedError extends Error {
  readonly code = 'WL_PREVIEW_BLOCKED';
  constructor(readonly problems: readonly PreviewProblem[]) {
    super(`The drafts do not load: ${problems.map((p) => `${p.kind}${p.file ? ` ${p.file}${p.line ? `:${p.line}` : ''}` : ''}: ${p.message}`).join('; ')}`);
    this.name = 'PreviewBlockedError';
  }
}

/** Composed files of one kind, with their id. */
interface Composed {
  readonly files: readonly ContentFile[];
  readonly id: string;
  readonly drafted: boolean;
}

/** Most loaded objects kept per kind (a draft and the published version, and a little room). */
const kept = 4;

/** Loads and keeps the composed drafts; see the module comment. */
export class PreviewContentLoader {
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly drafts: Pick<ContentDrafts, 'compose'>) {}

  /** The composition as the drafts are now; throws {@link PreviewBlockedError} when a kind does not load. */
  async current(): Promise<PreviewContent> {
    const composed = Object.fromEntries(await Promise.all(contentKinds.map(async (kind) => [kind, await this.compose(kind)] as const))) as Record<ContentKind, Composed>;
    const ids = Object.fromEntries(contentKinds.map((kind) => [kind, composed[kind].id])) as Record<ContentKind, string>;
    const key = contentKinds.map((kind) => ids[kind]).join('.');
    const problems: PreviewProblem[] = [];
    const load = <T>(kind: ContentKind, cacheKey: string, build: () => T): T | undefined => {
      try {
        return this.kept(`${kind}:${cacheKey}`, build);
      } catch (error) {
        problems.push(...problemsOf(kind, error));
        return undefined;
      }
    };
    const routing = load('routing', ids.routing, () => routingOfBundle(composed.routing.files));
    const roster = routing && load('agents', `${ids.agents}+${ids.routing}`, () => rosterOfBundle(composed.agents.files, routing.queues.map((q) => q.id)));
    const flows = routing && composed.flows.files.length > 0 ? load('flows', `${ids.flows}+${ids.routing}`, () => parseFlowSet(composed.flows.files, { ...flowValidation(routing), version: ids.flows })) : undefined;
    const faq = load('knowledge', `${ids.knowledge}+${ids.flows}`, () => knowledgeService(composed.knowledge.files, flows));
    const offers =
      composed.offers.files.length > 0 && faq && routing
        ? load('offers', `${ids.offers}+${ids.knowledge}+${ids.routing}`, () => offersOfBundle(composed.offers.files, { knownTopics: faq.topics(), knownTiers: routing.tiers.map((t) => t.id) }))
        : undefined;
    const messages = load('messages', ids.messages, () => messagesOfBundle(composed.messages.files, 'of the draft'));
    if (problems.length > 0 || !routing || !roster || !faq || !messages) throw new PreviewBlockedError(problems);
    return {
      key,
      ids,
      drafted: contentKinds.filter((kind) => composed[kind].drafted),
      flowFiles: composed.flows.files,
      ...(flows ? { flows } : {}),
      faq,
      routing,
      roster,
      ...(offers ? { offers } : {}),
      messages,
    };
  }

  private async compose(kind: ContentKind): Promise<Composed> {
    const draft = await this.drafts.compose(kind);
    return { files: draft.files, id: draft.files.length > 0 ? bundleId(draft.files) : 'none', drafted: draft.changes.length > 0 };
  }

  /** The object kept under `key`, or the one `build` makes (kept: the newest few per kind). */
  private kept<T>(key: string, build: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const made = build();
    this.cache.set(key, made);
    const kind = key.slice(0, key.indexOf(':') + 1);
    const ofKind = [...this.cache.keys()].filter((k) => k.startsWith(kind));
    for (const old of ofKind.slice(0, Math.max(0, ofKind.length - kept))) this.cache.delete(old);
    return made;
  }
}

/** The FAQ engine over a knowledge version, with the topics' trigger queries matched alongside (as the server does). */
function knowledgeService(files: readonly ContentFile[], flows: FlowSet | undefined): FaqService {
  const { bases, thresholds } = loadKnowledgeBundle(files);
  const faq = new FaqService(bases, { buildMatcher: (kb) => FaqMatcher.build(kb), thresholds });
  if (flows) faq.publishTopics(topicTriggerEntries(flows));
  return faq;
}

/** A load error as problems: the ones it lists (with file and line), or its message. */
function problemsOf(kind: ContentKind, error: unknown): PreviewProblem[] {
  const listed = (error as { problems?: unknown } | null)?.problems;
  if (Array.isArray(listed) && listed.length > 0) {
    return listed.map((p: { message?: unknown; file?: unknown; line?: unknown; path?: unknown }) => ({
      kind,
      message: typeof p.message === 'string' ? p.message : String(p),
      ...(typeof p.file === 'string' ? { file: p.file } : {}),
      ...(typeof p.line === 'number' ? { line: p.line } : {}),
      ...(typeof p.path === 'string' && p.path !== '' ? { path: p.path } : {}),
    }));
  }
  return [{ kind, message: error instanceof Error ? error.message : String(error) }];
}
