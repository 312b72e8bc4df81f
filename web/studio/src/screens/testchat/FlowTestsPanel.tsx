import { useState } from 'react';
import type { SignedIn } from '../../api';
import { runFlowTests } from './previewApi';
import type { FlowTestResults } from './previewApi';
import type { TestChatWords } from './testChatStrings';

/** Runs the flows draft's tests on request and lists every test, failures with what failed. */
export function FlowTestsPanel({ session, words }: { session: SignedIn; words: TestChatWords }) {
  const [results, setResults] = useState<FlowTestResults | 'failed' | undefined>();
  const [busy, setBusy] = useState(false);
  const run = async (): Promise<void> => {
    setBusy(true);
    try {
      setResults(await runFlowTests(session));
    } catch {
      setResults('failed');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="testchat-tests" aria-labelledby="testchat-tests-title">
      <h3 id="testchat-tests-title">{words.flowTests}</h3>
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? words.running : words.runTests}
      </button>
      <div role="status" aria-live="polite">
        {results === 'failed' && <p className="problem">{words.testsFailed}</p>}
        {results && results !== 'failed' && (
          <p className={results.failed > 0 ? 'testchat-summary testchat-bad' : 'testchat-summary testchat-good'}>{words.testsSummary(results.passed, results.failed)}</p>
        )}
      </div>
      {results && results !== 'failed' && (
        <ul className="testchat-test-list">
          {results.results.map((r, i) => (
            <li key={i} className={r.passed ? 'testchat-pass' : 'testchat-fail'}>
              <span className="testchat-mark" aria-hidden="true">
                {r.passed ? '✓' : '✗'}
              </span>{' '}
              <span className="testchat-test-name">{r.test}</span> <span className="testchat-muted">({r.passed ? words.passed : words.failed}{r.file ? ` · ${r.file}${r.line ? `:${r.line}` : ''}` : ''})</span>
              {!r.passed && r.message && <p className="testchat-failure">{r.message}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
