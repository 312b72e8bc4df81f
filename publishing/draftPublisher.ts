/**
 * One publish of everything the drafts changed (issue 12): every kind with a draft is composed over
 * its published version and checked against the others as they would be after the publish (a draft
 * routing's queues for a draft roster, ...). Any problem anywhere blocks the whole publish and every
 * problem is returned; otherwise each kind is published in dependency order with `basedOn` (so a
 * version published by someone else meanwhile is never overwritten) and its draft is discarded.
 */
import { adminContentProblems, adminKinds, topicsOf } from './adminKinds';
import type { ContentInForce } from './adminKinds';
import type { ContentFile, ContentKind, ContentProblem } from './contentBundle';
import type { ComposedDraft, ContentDrafts } from './contentDrafts';
import type { ContentVersions } from './contentVersions';
import { rosterOfBundle, routingOfBundle } from '../handoff/routingBundle';
import { publishingErrorCodes } from './publishingErrors';

/** Checks a kind's files, given the content in force after the publish. Flows need their own checker. */
export type KindValidator = (kind: ContentKind, files: readonly ContentFile[], after: ContentInForce) => readonly ContentProblem[] | Promise<readonly ContentProblem[]>;

/** A problem of one kind, as the publish summary lists it. */
export interface KindProblem extends ContentProblem {
  readonly kind: ContentKind;
}

/** What would be published: per changed kind, the files changed and the version it starts from. */
export interface PublishPlan {
  readonly kinds: readonly { readonly kind: ContentKind; readonly basedOn: string | null; readonly changed: readonly string[]; readonly deleted: readonly string[] }[];
  readonly problems: readonly KindProblem[];
}

/** The outcome of {@link DraftPublisher.publish}. */
export type DraftPublishResult =
  | { readonly status: 'published'; readonly versions: Readonly<Partial<Record<ContentKind, string>>> }
  | { readonly status: 'nothing-to-publish' }
  | { readonly status: 'rejected'; readonly problems: readonly KindProblem[] };

/** Publish order: what others are checked against first; flows last (they name routing's phrases). */
const order: readonly ContentKind[] = [...adminKinds, 'flows'];

export class DraftPublisher {
  constructor(
    private readonly drafts: ContentDrafts,
    private readonly versions: ContentVersions,
    /** The content in force now (routing, roster, topics), for kinds without a draft. */
    private readonly inForce: () => ContentInForce | Promise<ContentInForce>,
    /** How flows are checked (with the routing they will run with). */
    private readonly flowProblems: (files: readonly ContentFile[], after: ContentInForce) => readonly ContentProblem[],
  ) {}

  /**
   * What a publish would do now, and every problem that would block it; with `only`, the problems of
   * that kind alone (the others are still composed: they are what it is checked against).
   */
  async plan(only?: ContentKind): Promise<PublishPlan & { readonly composed: readonly ComposedDraft[] }> {
    const kinds = await this.drafts.changedKinds();
    const composed = await Promise.all(order.filter((k) => kinds.includes(k)).map((k) => this.drafts.compose(k)));
    const after = await this.after(composed);
    const problems: KindProblem[] = [];
    const pointers = await this.versions.pointers(composed.map((d) => d.kind));
    for (const draft of composed) {
      if (only !== undefined && draft.kind !== only) continue;
      const now = pointers.get(draft.kind);
      if (draft.basedOn !== null && now && now.version !== draft.basedOn) {
        // Checked for every kind before any is published, so a publish never stops half-way on it.
        problems.push({ kind: draft.kind, code: publishingErrorCodes.changedMeanwhile, message: `${now.publishedBy} published ${draft.kind} version ${now.version} at ${now.publishedAt}, after this draft was started from ${draft.basedOn}; discard the draft or redo it on the new version` });
        continue;
      }
      if (draft.files.length === 0) {
        problems.push({ kind: draft.kind, message: `The ${draft.kind} draft deletes every file; a version needs at least one` });
        continue;
      }
      const found = draft.kind === 'flows' ? this.flowProblems(draft.files, after) : await this.validate(draft.kind, draft.files, after);
      problems.push(...found.map((p) => ({ ...p, kind: draft.kind })));
    }
    return {
      composed,
      problems,
      kinds: composed.map((d) => ({
        kind: d.kind,
        basedOn: d.basedOn,
        changed: d.changes.filter((c) => c.text !== null).map((c) => c.path),
        deleted: d.changes.filter((c) => c.text === null).map((c) => c.path),
      })),
    };
  }

  /** Publishes every draft on behalf of `who`, or nothing when any of them has a problem. */
  async publish(who: string): Promise<DraftPublishResult> {
    const plan = await this.plan();
    if (plan.composed.length === 0) return { status: 'nothing-to-publish' };
    if (plan.problems.length > 0) return { status: 'rejected', problems: plan.problems };
    const published: Partial<Record<ContentKind, string>> = {};
    const after = await this.after(plan.composed);
    for (const draft of plan.composed) {
      const validate = (files: readonly ContentFile[]) => (draft.kind === 'flows' ? this.flowProblems(files, after) : this.validate(draft.kind, files, after));
      const result = await this.versions.publish(draft.kind, draft.files, who, validate, draft.basedOn ? { basedOn: draft.basedOn } : {});
      if (result.status === 'rejected') return { status: 'rejected', problems: result.problems.map((p) => ({ ...p, kind: draft.kind })) };
      published[draft.kind] = result.version;
      await this.drafts.discard(draft.kind);
    }
    return { status: 'published', versions: published };
  }

  private validate(kind: ContentKind, files: readonly ContentFile[], after: ContentInForce): readonly ContentProblem[] {
    return adminContentProblems(kind as (typeof adminKinds)[number], files, after);
  }

  /** The content in force as it would be after publishing `composed`: drafts of routing, roster, knowledge replace what runs. */
  private async after(composed: readonly ComposedDraft[]): Promise<ContentInForce> {
    const now = await this.inForce();
    const files = (kind: ContentKind) => composed.find((d) => d.kind === kind)?.files;
    const out: { routing?: ContentInForce['routing']; roster?: ContentInForce['roster']; topics?: readonly string[] } = { ...now };
    try {
      const routing = files('routing');
      if (routing) out.routing = routingOfBundle(routing);
      const roster = files('agents');
      if (roster && out.routing) out.roster = rosterOfBundle(roster, out.routing.queues.map((q) => q.id));
      const knowledge = files('knowledge');
      if (knowledge) out.topics = topicsOf(knowledge);
    } catch {
      // A draft that does not parse is reported by its own check; the others are checked against what runs.
    }
    return out;
  }
}
