import { useCallback, useEffect, useState } from 'react';
import type { ScreenProps } from '../../screens';
import { ConfirmDialog } from './ConfirmDialog';
import { KindDraftCard } from './KindDraftCard';
import { ProblemList } from './ProblemList';
import { discardDraft, mayEdit, mayPublish, publishAll, readDrafts } from './publishApi';
import type { ContentKind, KindProblem, PublishOutcome, PublishPlan } from './publishApi';
import { publishStrings, shortVersion } from './publishStrings';
import './publish.css';

type Asking = { readonly what: 'publish' } | { readonly what: 'discard'; readonly kind: ContentKind };
type Words = (typeof publishStrings)[keyof typeof publishStrings];
/** A result to show, worded in the language chosen at the time it is shown (the language may change meanwhile). */
type Notice = { readonly tone: 'ok' | 'problem'; readonly say: (words: Words) => string; readonly versions?: Readonly<Partial<Record<ContentKind, string>>> };

function noticeOf(outcome: PublishOutcome): Notice {
  if (outcome.kind === 'published') return { tone: 'ok', say: (w) => w.published, versions: outcome.versions };
  if (outcome.kind === 'blocked') return { tone: 'problem', say: (w) => w.blocked(outcome.problems.length) };
  if (outcome.kind === 'nothing') return { tone: 'problem', say: (w) => w.nothingToPublish };
  if (outcome.kind === 'refused') return { tone: 'problem', say: (w) => w.refused };
  return { tone: 'problem', say: (w) => w.publishFailed(outcome.message) };
}

/**
 * Publish (issue 12): every kind that changed, with who changed which file when, the problems that
 * block a publish (by kind, file and line), and one publish of everything (admins, after a confirm
 * step). Editors and admins may discard a kind's draft; viewers read.
 */
export function PublishScreen({ language, session }: ScreenProps) {
  const words = publishStrings[language];
  const [plan, setPlan] = useState<PublishPlan | 'failed' | undefined>();
  const [asking, setAsking] = useState<Asking | undefined>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();
  // The problems a refused publish answered with (they may be newer than the list read before).
  const [blocked, setBlocked] = useState<readonly KindProblem[] | undefined>();

  const load = useCallback(async () => setPlan((await readDrafts()) ?? 'failed'), []);
  useEffect(() => {
    void load();
  }, [load]);

  async function publish(): Promise<void> {
    setBusy(true);
    const outcome = await publishAll(session);
    setBusy(false);
    setAsking(undefined);
    setBlocked(outcome.kind === 'blocked' ? outcome.problems : undefined);
    setNotice(noticeOf(outcome));
    await load();
  }

  async function discard(kind: ContentKind): Promise<void> {
    setBusy(true);
    const result = await discardDraft(session, kind);
    setBusy(false);
    setAsking(undefined);
    setBlocked(undefined);
    setNotice(result.ok ? { tone: 'ok', say: (w) => w.discarded(w.kindNames[kind]) } : { tone: 'problem', say: (w) => w.discardFailed(result.message) });
    await load();
  }

  const problems = blocked ?? (plan && plan !== 'failed' ? plan.problems : []);
  const kinds = plan && plan !== 'failed' ? plan.kinds : [];
  const kindList = kinds.map((k) => words.kindNames[k.kind]).join(words.listJoin);
  return (
    <section className="publish-screen" aria-labelledby="publish-title">
      <div className="screen-head">
        <h2 id="publish-title">{words.publishTitle}</h2>
        <button type="button" onClick={() => void load().then(() => setBlocked(undefined))}>
          {words.refresh}
        </button>
      </div>
      <p className="intro">{words.publishIntro}</p>
      <div role="status" className={notice ? `notice ${notice.tone}` : 'notice-empty'}>
        {notice && (
          <>
            {notice.say(words)}
            {notice.versions && (
              <ul className="new-versions">
                {Object.entries(notice.versions).map(([kind, version]) => (
                  <li key={kind}>
                    {words.kindNames[kind as ContentKind]}: <code title={version}>{shortVersion(version ?? '')}</code>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      {plan === undefined && <p aria-busy="true">{words.loading}</p>}
      {plan === 'failed' && <p role="alert">{words.draftsUnavailable}</p>}
      {plan && plan !== 'failed' && kinds.length === 0 && <p className="empty">{words.nothingChanged}</p>}
      {kinds.length > 0 && (
        <div className="publish-bar">
          {mayPublish(session.role) ? (
            <>
              <button type="button" className="primary" disabled={busy || plan === undefined || problems.length > 0} aria-describedby={problems.length > 0 ? 'publish-fix-first' : undefined} onClick={() => setAsking({ what: 'publish' })}>
                {busy && asking?.what === 'publish' ? words.publishing : words.publish}
              </button>
              {problems.length > 0 && <span id="publish-fix-first">{words.fixFirst}</span>}
            </>
          ) : (
            <span>{words.onlyAdmins}</span>
          )}
          {problems.length === 0 && <span className="ok">{words.noProblems}</span>}
        </div>
      )}
      {problems.length > 0 && <ProblemList problems={problems} language={language} titleId="publish-problems" />}
      {kinds.map((draft) => (
        <KindDraftCard key={draft.kind} draft={draft} language={language} {...(mayEdit(session.role) ? { onDiscard: () => setAsking({ what: 'discard', kind: draft.kind }) } : {})} />
      ))}
      {asking?.what === 'publish' && (
        <ConfirmDialog title={words.confirmPublishTitle} message={words.confirmPublish(kindList)} confirm={words.publishNow} cancel={words.cancel} busy={busy} onConfirm={() => void publish()} onCancel={() => setAsking(undefined)} />
      )}
      {asking?.what === 'discard' && (
        <ConfirmDialog
          title={words.confirmDiscardTitle}
          message={words.confirmDiscard(words.kindNames[asking.kind])}
          confirm={words.discardNow}
          cancel={words.cancel}
          busy={busy}
          onConfirm={() => void discard(asking.kind)}
          onCancel={() => setAsking(undefined)}
        />
      )}
    </section>
  );
}
