import { useEffect, useRef, useState } from 'react';
import type { ScreenProps } from '../../screens';
import { FlowTestsPanel } from './FlowTestsPanel';
import { loadWebChat, styleNonce } from './loadWebChat';
import { PreviewError, endPreview, sendPreview, startPreview } from './previewApi';
import type { PreviewProblem, PreviewTurn, TurnTrace } from './previewApi';
import { createPreviewDirectLine } from './previewDirectLine';
import { testChatStrings } from './testChatStrings';
import { TurnTracePanel } from './TurnTracePanel';
import './testChat.css';

/** Why the chat is not running: it could not load or start, or the drafts do not load. */
type Failure = { readonly kind: 'failed'; readonly message: string } | { readonly kind: 'blocked'; readonly problems: readonly PreviewProblem[] };

/** The fields of a Web Chat activity the test chat passes on; the server sets everything else. */
function outgoing(activity: Record<string, unknown>): Record<string, unknown> {
  const { type, text, value, name, locale, channelData } = activity as { type?: unknown; text?: unknown; value?: unknown; name?: unknown; locale?: unknown; channelData?: { clientActivityID?: unknown } };
  return {
    type,
    ...(typeof text === 'string' ? { text } : {}),
    ...(value !== undefined ? { value } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof locale === 'string' ? { locale } : {}),
    ...(typeof channelData?.clientActivityID === 'string' ? { channelData: { clientActivityID: channelData.clientActivityID } } : {}),
  };
}

/**
 * The test chat: Web Chat talking to the bot that runs the drafts, beside the trace of each turn
 * (what fired, the scores, the variables), and the draft's flow tests.
 */
export function TestChatScreen({ language, session }: ScreenProps) {
  const words = testChatStrings[language];
  const host = useRef<HTMLDivElement>(null);
  const [generation, setGeneration] = useState(0);
  const [turns, setTurns] = useState<TurnTrace[]>([]);
  const [drafted, setDrafted] = useState<readonly string[] | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let cancelled = false;
    let conversationId: string | undefined;
    setTurns([]);
    setDrafted(undefined);
    setFailure(undefined);
    // A fresh element per conversation: Web Chat renders into it with a React of its own.
    const chat = document.createElement('div');
    chat.className = 'testchat-webchat';
    element.replaceChildren(chat);
    const onTurn = (turn: PreviewTurn): void => {
      if (cancelled) return;
      conversationId = turn.conversationId;
      setDrafted(turn.drafted);
      setTurns((earlier) => [...earlier.filter((t) => t.turn !== turn.trace.turn), turn.trace]);
    };
    const onFailed = (error: unknown): void => {
      if (cancelled) return;
      if (error instanceof PreviewError && error.code === 'PreviewBlocked') setFailure({ kind: 'blocked', problems: error.problems });
      else setFailure({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    };
    loadWebChat().then((WebChat) => {
      if (cancelled) return;
      const directLine = createPreviewDirectLine<TurnTrace, PreviewTurn>({
        start: () => startPreview(session, language),
        send: (id, activity) => sendPreview(session, id, outgoing(activity)),
        onTurn,
        onFailed,
      });
      const store = WebChat.createStore({}, () => (next: (action: { type: string }) => unknown) => (action: { type: string }) => {
        // Connected: Web Chat listens now, so the greeting can be shown (as the customers' page sends its join event here).
        if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') setTimeout(() => directLine.flush(), 0);
        return next(action);
      });
      const nonce = styleNonce();
      WebChat.renderWebChat({ directLine, store, locale: language, ...(nonce ? { nonce } : {}), styleOptions: { hideUploadButton: true, rootHeight: '100%' } }, chat);
    }, onFailed);
    return () => {
      cancelled = true;
      if (conversationId) endPreview(session, conversationId);
    };
  }, [generation, language, session]);

  const kinds = drafted?.map((k) => words.kinds[k] ?? k).join(language === 'zh-CN' ? '、' : ', ');
  return (
    <section className="testchat" aria-labelledby="testchat-title">
      <div className="testchat-top">
        <div>
          <h2 id="testchat-title">{words.title}</h2>
          <p className="testchat-intro">{words.intro}</p>
          <p className="testchat-drafted" role="status">
            {drafted === undefined ? (failure ? '' : words.connecting) : drafted.length > 0 ? words.drafted(kinds ?? '') : words.noDrafts}
          </p>
        </div>
        <button type="button" onClick={() => setGeneration((g) => g + 1)}>
          {words.restart}
        </button>
      </div>
      {failure && (
        <div className="testchat-failed" role="alert">
          {failure.kind === 'failed' ? (
            <p>
              {words.loadFailed} {failure.message}
            </p>
          ) : (
            <>
              <p>{words.blocked}</p>
              <ul>
                {failure.problems.map((p, i) => (
                  <li key={i}>
                    {words.kinds[p.kind] ?? p.kind}
                    {p.file ? ` · ${p.file}${p.line ? `:${p.line}` : ''}` : ''}: {p.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div className="testchat-panes">
        <div className="testchat-chat" ref={host} role="region" aria-label={words.chatLabel} />
        <section className="testchat-trace" aria-labelledby="testchat-trace-title">
          <h3 id="testchat-trace-title">{words.traceTitle}</h3>
          <TurnTracePanel key={`${generation}-${language}`} turns={turns} words={words} />
        </section>
      </div>
      <FlowTestsPanel session={session} words={words} />
    </section>
  );
}
