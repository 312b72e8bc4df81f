/** The supervisor's view: queues live (SLA breaches highlighted), agents with load and editable capacity, reassign or join a conversation, requests for help. */
import { useEffect, useState } from 'react';
import { agentApi } from '../agentApi';
import type { Overview } from '../agentApi';
import type { PanelProps } from '../inbox/InboxPanel';
import { labelOf, strings } from '../strings';
import { supervisorStrings } from './supervisorStrings';

export function SupervisorView({ language, session, desk, onProblem }: PanelProps) {
  const words = supervisorStrings[language];
  const shell = strings[language];
  const [overview, setOverview] = useState<Overview>();
  const [failed, setFailed] = useState(false);
  const [capacities, setCapacities] = useState<Readonly<Record<string, string>>>({});
  const [reassignTo, setReassignTo] = useState<Readonly<Record<string, string>>>({});
  const waitingCount = desk.inbox?.inbox.waiting.length;

  // Refetched on each presence or inbox change the live events bring, and every 15 s for the waits.
  useEffect(() => {
    let stopped = false;
    const load = () =>
      void agentApi.overview(session).then((got) => {
        if (stopped) return;
        setFailed(!got.ok);
        if (got.ok) setOverview(got.value);
      });
    load();
    const timer = setInterval(load, 15_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [session, desk.presenceTick, desk.inbox, waitingCount]);

  async function act(done: Promise<{ ok: boolean; code?: string; message?: string }>): Promise<void> {
    const got = await done;
    if (!got.ok) onProblem(got.code ?? 'Failed', got.message);
    const again = await agentApi.overview(session);
    if (again.ok) setOverview(again.value);
    void desk.refreshInbox();
  }

  if (failed && !overview) return <p role="alert">{words.unavailable}</p>;
  return (
    <div className="supervisor">
      <section aria-labelledby="sv-queues">
        <h2 id="sv-queues">{words.queues}</h2>
        <table data-testid="overview-queues">
          <HeadRow labels={[words.queue, words.waiting, words.longestWait, words.agentsAvailable]} />
          <tbody>
            {overview?.queues.map((q) => (
              <tr key={q.id} className={q.breached ? 'breached' : undefined} data-testid="overview-queue">
                <th scope="row">{q.name}</th>
                <td>{q.waiting}</td>
                <td>
                  {shell.waitFor(q.longestWaitSeconds)}
                  {q.breached && <strong className="breach"> · {words.breached(q.maxWaitMinutes)}</strong>}
                </td>
                <td>{q.agentsAvailable}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="sv-agents">
        <h2 id="sv-agents">{words.agents}</h2>
        <table data-testid="overview-agents">
          <HeadRow labels={[words.agent, words.status, words.load, words.capacity, words.conversations]} />
          <tbody>
            {overview?.agents.map((a) => (
              <tr key={a.id} data-testid="overview-agent">
                <th scope="row">{a.displayName}</th>
                <td>{labelOf(shell.presenceNames, a.status)}</td>
                <td>
                  {a.load}/{a.capacity}
                </td>
                <td>
                  <form
                    className="inline"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const value = Number(capacities[a.id] ?? a.capacity);
                      void act(agentApi.setCapacity(session, a.id, value));
                    }}
                  >
                    <input type="number" min={1} max={10} aria-label={words.capacityOf(a.displayName)} value={capacities[a.id] ?? String(a.capacity)} onChange={(e) => setCapacities({ ...capacities, [a.id]: e.target.value })} />
                    <button type="submit">{words.save}</button>
                  </form>
                </td>
                <td>
                  <ul className="plain">
                    {a.sessions.map((handoffId) => (
                      <li key={handoffId}>
                        <code>{handoffId.slice(0, 8)}</code>{' '}
                        <select aria-label={words.reassignTo} value={reassignTo[handoffId] ?? ''} onChange={(e) => setReassignTo({ ...reassignTo, [handoffId]: e.target.value })}>
                          <option value="">{words.reassignTo}</option>
                          {overview.agents
                            .filter((other) => other.id !== a.id)
                            .map((other) => (
                              <option key={other.id} value={other.id}>
                                {other.displayName}
                              </option>
                            ))}
                        </select>{' '}
                        <button type="button" disabled={!reassignTo[handoffId]} onClick={() => void act(agentApi.reassign(session, handoffId, reassignTo[handoffId] ?? ''))}>
                          {words.reassign}
                        </button>{' '}
                        <button type="button" onClick={() => void act(agentApi.join(session, handoffId))}>
                          {words.join}
                        </button>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="sv-consults">
        <h2 id="sv-consults">{words.consults}</h2>
        {desk.consults.length === 0 ? (
          <p className="empty">{words.noConsults}</p>
        ) : (
          <ul className="items">
            {desk.consults.map((c, i) => (
              <li key={`${c.handoffId}-${i}`} className="item" data-testid="consult-item">
                <p className="meta">{words.consultFrom(c.from)}</p>
                <p>{c.text}</p>
                <button type="button" onClick={() => void act(agentApi.join(session, c.handoffId))}>
                  {words.join}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** A table's header row of column labels. */
function HeadRow({ labels }: { labels: readonly string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((l) => (
          <th key={l} scope="col">
            {l}
          </th>
        ))}
      </tr>
    </thead>
  );
}
