import type { FlowsWords } from './flowsStrings';
import type { LineProblem } from './YamlEditor';

/** The problems of the topic under the editor; each one's line is a button that shows it in the YAML. */
export function ProblemList({ problems, otherProblems, words, onGoTo }: { problems: readonly LineProblem[]; otherProblems: number; words: FlowsWords; onGoTo: (line: number) => void }) {
  return (
    <section className="flow-problems" aria-labelledby="flow-problems-title">
      <h3 id="flow-problems-title">
        {words.problems} ({problems.length})
      </h3>
      {problems.length === 0 ? (
        <p>{words.noProblems}</p>
      ) : (
        <ul>
          {problems.map((p, i) => (
            <li key={`${i}:${p.line}`}>
              {p.line !== undefined && (
                <button type="button" className="flow-line" onClick={() => onGoTo(p.line ?? 1)}>
                  {words.line(p.line)}
                </button>
              )}{' '}
              {p.message}
            </li>
          ))}
        </ul>
      )}
      {otherProblems > 0 && <p className="flow-note">{words.otherProblems(otherProblems)}</p>}
    </section>
  );
}
