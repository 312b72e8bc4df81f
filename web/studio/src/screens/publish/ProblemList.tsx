import type { Language } from '../../strings';
import { contentKinds } from './publishApi';
import type { KindProblem } from './publishApi';
import { publishStrings } from './publishStrings';

/** The topic a flows file belongs to (`greeting.yaml` and `greeting.test.yaml` → `greeting`), if it names one. */
export function topicOfFile(file: string): string | undefined {
  const id = file.replace(/^.*\//, '').replace(/(\.test)?\.ya?ml$/, '');
  return /^[a-z0-9][a-z0-9-]{0,79}$/.test(id) && id !== file ? id : undefined;
}

/**
 * Every problem that blocks a publish, grouped by kind and then by file, each with its line. A flows
 * file links to its topic on the Flows screen (`#/flows/<topicId>`).
 */
export function ProblemList({ problems, language, titleId }: { readonly problems: readonly KindProblem[]; readonly language: Language; readonly titleId: string }) {
  const words = publishStrings[language];
  const kinds = contentKinds.filter((kind) => problems.some((p) => p.kind === kind));
  return (
    <section className="problems" aria-labelledby={titleId}>
      <h3 id={titleId}>{words.problemsTitle(problems.length)}</h3>
      {kinds.map((kind) => {
        const ofKind = problems.filter((p) => p.kind === kind);
        const files = [...new Set(ofKind.map((p) => p.file ?? ''))];
        return (
          <div key={kind} className="problem-kind">
            <h4>{words.kindNames[kind]}</h4>
            <ul>
              {files.map((file) => {
                const topic = kind === 'flows' && file ? topicOfFile(file) : undefined;
                return (
                  <li key={file}>
                    {topic ? (
                      <a href={`#/flows/${topic}`} aria-label={words.openTopic(file)}>
                        <code>{file}</code>
                      </a>
                    ) : file ? (
                      <code>{file}</code>
                    ) : (
                      <span>{words.wholeKind}</span>
                    )}
                    <ul>
                      {ofKind
                        .filter((p) => (p.file ?? '') === file)
                        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
                        .map((p, i) => (
                          <li key={i}>
                            {p.line !== undefined && <span className="line">{words.line(p.line)}: </span>}
                            {p.message}
                          </li>
                        ))}
                    </ul>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
