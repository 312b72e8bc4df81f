/**
 * The publish and history screens' calls to the bot's API: drafts, one publish, discard, versions,
 * rollback and the audit log (adapters/studio/publishRoutes.ts). Each answers plain data or an
 * outcome the screen words itself; nothing here throws.
 */
import type { SignedIn } from '../../api';
// The wire shapes are the server's own types (type-only: nothing of the server is bundled).
import type { ContentKind, ContentProblem } from '../../../../../publishing/contentBundle';
import type { DiffSummary } from '../../../../../publishing/contentDiff';
import type { AuditEntry, VersionEntry } from '../../../../../publishing/contentRecords';

export type { AuditEntry, ContentKind, DiffSummary };

/** The kinds of versioned content, in the order the server publishes them (flows last). */
export const contentKinds = ['knowledge', 'routing', 'agents', 'offers', 'messages', 'flows'] as const satisfies readonly ContentKind[];
// Every kind the server knows is listed above: a kind added there and not here does not compile.
const everyKindListed: readonly (typeof contentKinds)[number][] = [] as ContentKind[];
void everyKindListed;

/** One changed file of a draft: who changed it last, when (adapters/studio/publishRoutes.ts `changesView`). */
export interface DraftChange {
  readonly path: string;
  readonly deleted: boolean;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** A kind with a draft, as `GET /api/drafts` lists it. */
export interface KindDraft {
  readonly kind: ContentKind;
  readonly basedOn: string | null;
  readonly changed: readonly string[];
  readonly deleted: readonly string[];
  readonly changes: readonly DraftChange[];
  readonly diff: DiffSummary;
}

/** A problem that blocks a publish: where (kind, file, line) and what. */
export type KindProblem = ContentProblem & { readonly kind: ContentKind };

/** Every draft and what a publish of them would be refused for. */
export interface PublishPlan {
  readonly kinds: readonly KindDraft[];
  readonly problems: readonly KindProblem[];
}

/** What a publish did. */
export type PublishOutcome =
  | { readonly kind: 'published'; readonly versions: Readonly<Partial<Record<ContentKind, string>>> }
  | { readonly kind: 'blocked'; readonly problems: readonly KindProblem[] }
  | { readonly kind: 'nothing' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'failed'; readonly message: string };

/** A kept version of a kind, marked when it is the published one or the one before it. */
export type VersionListing = VersionEntry & { readonly published: boolean; readonly previous: boolean };

/** What the audit log is narrowed to: ISO instants for `from` and `to`. */
export interface AuditFilter {
  readonly kind?: ContentKind;
  readonly who?: string;
  readonly from?: string;
  readonly to?: string;
}

/** True when the role may change drafts (the server refuses the others). */
export const mayEdit = (role: string): boolean => role === 'editor' || role === 'admin';
/** True when the role may publish and roll back. */
export const mayPublish = (role: string): boolean => role === 'admin';

async function getJson<T>(path: string): Promise<T | undefined> {
  try {
    const res = await fetch(path, { credentials: 'same-origin' });
    return res.ok ? ((await res.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

async function send(session: SignedIn, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': session.csrfToken, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { message: text };
    }
    return { status: res.status, body: parsed };
  } catch (error) {
    return { status: 0, body: { message: String(error) } };
  }
}

/** Every draft and the problems that block a publish; undefined when they cannot be read. */
export function readDrafts(): Promise<PublishPlan | undefined> {
  return getJson<PublishPlan>('/api/drafts');
}

/** Publishes every draft at once (admins only). */
export async function publishAll(session: SignedIn): Promise<PublishOutcome> {
  const { status, body } = await send(session, 'POST', '/api/publish');
  if (status === 200) return { kind: 'published', versions: (body.versions ?? {}) as Partial<Record<ContentKind, string>> };
  if (status === 422) return { kind: 'blocked', problems: (body.problems ?? []) as KindProblem[] };
  if (status === 409 && body.code === 'NothingToPublish') return { kind: 'nothing' };
  if (status === 401 || status === 403) return { kind: 'refused' };
  return { kind: 'failed', message: String(body.message ?? status) };
}

/** Drops a kind's whole draft; answers the server's message when it refuses. */
export async function discardDraft(session: SignedIn, kind: ContentKind): Promise<{ ok: true } | { ok: false; message: string }> {
  const { status, body } = await send(session, 'DELETE', `/api/content/${kind}/draft`);
  return status === 204 ? { ok: true } : { ok: false, message: String(body.message ?? status) };
}

/** The kept versions of every kind; undefined when they cannot be read. */
export async function readVersions(): Promise<{ kind: ContentKind; versions: VersionListing[] }[] | undefined> {
  return (await getJson<{ kinds: { kind: ContentKind; versions: VersionListing[] }[] }>('/api/versions'))?.kinds;
}

/** Makes `version` the published one of `kind` again (admins only). */
export async function rollBack(session: SignedIn, kind: ContentKind, version: string): Promise<{ ok: true; version: string } | { ok: false; message: string }> {
  const { status, body } = await send(session, 'POST', '/api/rollback', { kind, version });
  return status === 200 ? { ok: true, version: String(body.version) } : { ok: false, message: String(body.message ?? status) };
}

/** The audit log, newest first, narrowed by `filter`; undefined when it cannot be read. */
export async function readAudit(filter: AuditFilter): Promise<AuditEntry[] | undefined> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (typeof value === 'string' && value) query.set(key, value);
  query.set('limit', '500');
  return (await getJson<{ entries: AuditEntry[] }>(`/api/audit?${query.toString()}`))?.entries;
}
