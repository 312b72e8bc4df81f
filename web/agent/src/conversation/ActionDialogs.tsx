/** The conversation's dialogs: transfer (to a queue or an agent, with a note), consult a supervisor, end with a wrap-up (outcome + note). */
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { SignedIn } from '../../../shared/session';
import { agentApi, outcomes } from '../agentApi';
import type { Outcome, Outcomes, TransferTargets } from '../agentApi';
import { labelOf, strings } from '../strings';
import type { Language } from '../strings';
import { conversationStrings } from './conversationStrings';
import { Dialog } from './Dialog';

/** Which dialog is open. */
export type ActionKind = 'transfer' | 'consult' | 'end';

export interface ActionDialogProps {
  readonly kind: ActionKind;
  readonly language: Language;
  readonly session: SignedIn;
  readonly handoffId: string;
  readonly onDone: () => void;
  readonly onClose: () => void;
  readonly onProblem: (code: string, message?: string) => void;
}

export function ActionDialog({ kind, language, session, handoffId, onDone, onClose, onProblem }: ActionDialogProps) {
  const words = conversationStrings[language];
  const shell = strings[language];
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcomes>('resolved');
  const [targets, setTargets] = useState<TransferTargets>();
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = { target: useId(), text: useId(), outcome: useId() };

  useEffect(() => {
    if (kind === 'transfer') void agentApi.transferTargets(session).then((got) => (got.ok ? setTargets(got.value) : onProblem(got.code, got.message)));
  }, [kind, session, onProblem]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    let done: Promise<Outcome<unknown>>;
    if (kind === 'transfer') {
      const [type, id] = target.split(':', 2);
      if (!id) return;
      done = agentApi.transfer(session, handoffId, type === 'agent' ? { agent: id } : { queue: id }, text.trim());
    } else if (kind === 'consult') {
      if (!text.trim()) return;
      done = agentApi.consult(session, handoffId, text.trim());
    } else done = agentApi.wrapUp(session, handoffId, outcome, text.trim());
    setBusy(true);
    const got = await done;
    setBusy(false);
    if (!got.ok) return onProblem(got.code, got.message);
    onDone();
  }

  const title = kind === 'transfer' ? words.transferTitle : kind === 'consult' ? words.consultTitle : words.wrapUpTitle;
  return (
    <Dialog title={title} testId={kind === 'transfer' ? 'transfer-dialog' : kind === 'consult' ? 'consult-dialog' : 'wrap-up'} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="dialog-form">
        {kind === 'transfer' && (
          <>
            <label htmlFor={ids.target}>{words.target}</label>
            <select id={ids.target} data-testid="transfer-target" required value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="" />
              <optgroup label={words.toQueue}>
                {targets?.queues.map((q) => (
                  <option key={q.id} value={`queue:${q.id}`}>
                    {q.name}
                    {q.open ? '' : ` ${words.queueClosed}`}
                  </option>
                ))}
              </optgroup>
              <optgroup label={words.toAgent}>
                {targets?.agents.map((a) => (
                  <option key={a.id} value={`agent:${a.id}`}>
                    {a.displayName} ({words.agentState(labelOf(shell.presenceNames, a.status), a.load, a.capacity)})
                  </option>
                ))}
              </optgroup>
            </select>
          </>
        )}
        {kind === 'end' && (
          <>
            <label htmlFor={ids.outcome}>{words.outcome}</label>
            <select id={ids.outcome} data-testid="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as Outcomes)}>
              {outcomes.map((o) => (
                <option key={o} value={o}>
                  {labelOf(shell.outcomeNames, o)}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor={ids.text}>{kind === 'transfer' ? words.transferNoteLabel : kind === 'consult' ? words.consultLabel : words.wrapUpNote}</label>
        <textarea id={ids.text} data-testid="dialog-note" rows={3} required={kind === 'consult'} value={text} onChange={(e) => setText(e.target.value)} />
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            {shell.cancel}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {kind === 'transfer' ? words.doTransfer : kind === 'consult' ? words.doConsult : words.doEnd}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
