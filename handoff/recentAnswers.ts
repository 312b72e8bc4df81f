/**
 * The answers a matcher gave for its last few messages. One turn asks about its message several
 * times (the journal, the guards, the escalation rules), and a matcher built from fixed phrases
 * always answers the same, so repeats are answered from here.
 */
export class RecentAnswers<T> {
  /** Oldest first (a Map keeps insertion order). */
  private readonly answers = new Map<string, T>();

  constructor(private readonly kept = 64) {}

  /** The answer for `text`: remembered, or computed and remembered. */
  of(text: string, compute: (text: string) => T): T {
    if (this.answers.has(text)) return this.answers.get(text) as T;
    const answer = compute(text);
    if (this.answers.size >= this.kept) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(text, answer);
    return answer;
  }
}
