/**
 * A topic file's YAML with its line numbers kept, so every problem found later (by the schema or
 * the validator, on plain data) can say on which line of the file it is.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { yamlSyntaxMessage } from '../yaml/yamlProblems';

/** A YAML path as data: keys and list indexes, e.g. `['beginDialog', 'actions', 2, 'prompt']`. */
export type YamlSegments = readonly (string | number)[];

/** One YAML syntax problem with its line. */
export interface YamlSyntaxProblem {
  readonly line?: number;
  readonly message: string;
}

/** A parsed YAML file: its plain data, its syntax problems, and where each path is. */
export class YamlSource {
  private readonly lines = new LineCounter();
  private readonly document;
  /** The plain data (`{}` for an empty file); meaningful only when there are no syntax problems. */
  readonly data: unknown;
  readonly syntaxProblems: readonly YamlSyntaxProblem[];

  constructor(text: string) {
    this.document = parseDocument(text, { lineCounter: this.lines });
    this.syntaxProblems = this.document.errors.map((e) => ({ line: e.linePos?.[0].line, message: yamlSyntaxMessage(e) }));
    this.data = this.syntaxProblems.length === 0 ? (this.document.toJS() ?? {}) : undefined;
  }

  /**
   * The 1-based line of `path`: of its key when it names a mapping entry, of the item in a list.
   * When the path goes further than the file (a missing setting), the line of the deepest part
   * that exists.
   */
  lineOf(path: YamlSegments): number | undefined {
    let node: unknown = this.document.contents;
    let at: number | undefined = rangeStart(node);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
        if (!pair) break;
        at = rangeStart(pair.key) ?? at;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
        at = rangeStart(node) ?? at;
        if (node === undefined) break;
      } else break;
    }
    return at === undefined ? undefined : this.lines.linePos(at).line;
  }
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
