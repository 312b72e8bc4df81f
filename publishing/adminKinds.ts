/**
 * The admin content besides flows, kind by kind: where its seed lives in `content/`, which files of
 * it make a version, and how a version is checked before it may be published (every problem, with
 * file, path and line). The server and `npm run content` both read this, so they agree on what a
 * version is and what may be published.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { WarmlineConfig } from '../config';
import type { AgentRoster, RoutingConfig } from '../handoff/routing';
import { rosterBundleProblems, routingBundleProblems, routingOfBundle, rosterOfBundle } from '../handoff/routingBundle';
import { isKnowledgeFile, knowledgeBundleProblems, loadKnowledgeBundle } from '../knowledge/knowledgeBundle';
import { isMessageFile, messageBundleProblems } from '../messages/messageBundle';
import { offerBundleProblems } from '../offers/offerBundle';
import type { ContentFile, ContentKind, ContentProblem } from './contentBundle';
import { readContentFolder, writeContentFolder } from './contentFolder';
import type { ContentFilter, FolderWrite } from './contentFolder';
import type { ContentVersions } from './contentVersions';
import { PublishingError, publishingErrorCodes } from './publishingErrors';

/** The kinds of admin content besides flows, in the order they depend on each other (routing before the roster and offers). */
export const adminKinds = ['knowledge', 'routing', 'agents', 'offers', 'messages'] as const satisfies readonly ContentKind[];

/** One of {@link adminKinds}. */
export type AdminKind = (typeof adminKinds)[number];

/** True when `value` names one of {@link adminKinds}. */
export function isAdminKind(value: unknown): value is AdminKind {
  return typeof value === 'string' && (adminKinds as readonly string[]).includes(value);
}

/** Where each kind's seed lives (the server's settings: KNOWLEDGE_DIR, ROUTING_FILE, AGENTS_FILE, OFFERS_FILE, MESSAGES_DIR). */
export type SeedPaths = Readonly<Record<AdminKind, string>>;

/** The seed of each kind in `content/` (or where the settings point). */
export function seedPaths(config: Pick<WarmlineConfig, 'knowledge' | 'handoff' | 'offers' | 'messagesDir'>): SeedPaths {
  return { knowledge: config.knowledge.dir, routing: config.handoff.routingFile, agents: config.handoff.agentsFile, offers: config.offers.file, messages: config.messagesDir };
}

/** The content in force that a version of another kind is checked against. */
export interface ContentInForce {
  /** Its queues are what the roster may name, its tiers what offers may name. */
  readonly routing?: RoutingConfig;
  /** Its queues are what a routing may not take away. */
  readonly roster?: AgentRoster;
  /** The knowledge topics offers may name. */
  readonly topics?: readonly string[];
}

/** A folder (knowledge, messages) or one YAML file (routing, roster, offers). */
const shapes: Readonly<Record<AdminKind, 'folder' | 'file'>> = { knowledge: 'folder', routing: 'file', agents: 'file', offers: 'file', messages: 'folder' };
const folderFilters: Readonly<Record<'knowledge' | 'messages', ContentFilter>> = { knowledge: isKnowledgeFile, messages: isMessageFile };

/** Every problem that keeps `files` from being published as `kind`, checked against the content in force. */
export function adminContentProblems(kind: AdminKind, files: readonly ContentFile[], inForce: ContentInForce): ContentProblem[] {
  switch (kind) {
    case 'knowledge':
      return knowledgeBundleProblems(files);
    case 'routing':
      return routingBundleProblems(files, inForce.roster);
    case 'agents':
      if (!inForce.routing) return [{ message: 'No routing is in force to check the roster\'s queues against; publish routing first', code: publishingErrorCodes.nothingPublished }];
      return rosterBundleProblems(files, inForce.routing.queues.map((q) => q.id));
    case 'offers':
      return offerBundleProblems(files, { ...(inForce.topics ? { knownTopics: inForce.topics } : {}), ...(inForce.routing ? { knownTiers: inForce.routing.tiers.map((t) => t.id) } : {}) });
    case 'messages':
      return messageBundleProblems(files);
  }
}

/**
 * The files of a kind's seed as a version: a folder's knowledge or message files, or the one file
 * of routing, roster or offers (knowledge may also be a single file). Throws a {@link PublishingError}
 * when there is nothing there.
 */
export function readAdminSeed(kind: AdminKind, seed: string): ContentFile[] {
  if (!existsSync(seed)) throw new PublishingError(publishingErrorCodes.invalidArgument, kind, `${seed} does not exist`);
  if (statSync(seed).isDirectory()) {
    if (kind !== 'knowledge' && kind !== 'messages') throw new PublishingError(publishingErrorCodes.invalidArgument, kind, `${seed} is a folder; ${kind} is one YAML file`);
    const files = readContentFolder(seed, folderFilters[kind]);
    if (files.length === 0) throw new PublishingError(publishingErrorCodes.invalidBundle, kind, `${seed} holds no ${kind} files`);
    return files;
  }
  if (kind === 'messages') throw new PublishingError(publishingErrorCodes.invalidArgument, kind, `${seed} is a file; messages are a folder of en-US.yaml and zh-CN.yaml`);
  return [{ path: path.basename(seed), text: readFileSync(seed, 'utf8') }];
}

/** Writes a version's files where its seed lives: into a folder, or (one-file kinds) as the file `target` names. */
export function writeAdminExport(kind: AdminKind, files: readonly ContentFile[], target: string, prune: boolean): FolderWrite {
  if (shapes[kind] === 'folder') return writeContentFolder(target, files, folderFilters[kind as 'knowledge' | 'messages'], prune);
  const [file] = files;
  if (!file || files.length !== 1) throw new PublishingError(publishingErrorCodes.damaged, kind, `A ${kind} version holds ${files.length} files, not one`);
  const intoFolder = existsSync(target) && statSync(target).isDirectory();
  const dir = intoFolder ? target : path.dirname(target);
  const name = intoFolder ? file.path : path.basename(target);
  return writeContentFolder(dir, [{ path: name, text: file.text }], (p) => p === name, false);
}

/** The content in force as the store has it published: what the CLI checks a version against. Kinds with nothing published are left out. */
export async function publishedInForce(versions: ContentVersions): Promise<ContentInForce> {
  const [routing, agents, knowledge] = await Promise.all([versions.published('routing'), versions.published('agents'), versions.published('knowledge')]);
  const inForce: { routing?: RoutingConfig; roster?: AgentRoster; topics?: readonly string[] } = {};
  if (routing) inForce.routing = routingOfBundle(routing.files);
  if (agents && inForce.routing) inForce.roster = rosterOfBundle(agents.files, inForce.routing.queues.map((q) => q.id));
  if (knowledge) inForce.topics = topicsOf(knowledge.files);
  return inForce;
}

/** The topics a knowledge version's entries name. */
export function topicsOf(files: readonly ContentFile[]): string[] {
  const { bases } = loadKnowledgeBundle(files);
  return [...new Set(bases.flatMap((kb) => kb.entries.map((e) => e.metadata.topic).filter((t): t is string => t !== undefined)))].sort();
}
