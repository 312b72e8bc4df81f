/**
 * Which line of a YAML text a problem is on, when the problem only knows its YAML path
 * (`queues[2].hours.time_zone`, `bot.welcome`, or `line 4` for a syntax error): so that an admin is
 * told file, path and line, and an editor can jump there.
 */
import { isCollection, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';

/**
 * The 1-based line of the node at `path` in `text`; for a key that is missing, the line of the
 * nearest mapping or list that holds it. Undefined when the text is not YAML or the path is unknown.
 */
export function lineOfYamlPath(text: string, path: string): number | undefined {
  const syntax = /^line (\d+)$/.exec(path);
  if (syntax) return Number(syntax[1]);
  const segments = pathSegments(path);
  if (segments === undefined) return undefined;
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length > 0) return undefined;
  let node: unknown = doc.contents;
  let line = lineOf(node, counter);
  for (const segment of segments) {
    if (!isCollection(node)) break;
    const child: unknown = node.get(segment, true);
    if (child === undefined) break;
    node = child;
    line = lineOf(child, counter) ?? line;
  }
  return line;
}

/** `queues[2].names["zh-CN"]` → `['queues', 2, 'names', 'zh-CN']`; undefined when it is not a path. */
function pathSegments(path: string): (string | number)[] | undefined {
  if (path === '' || path === '(top level)') return [];
  const segments: (string | number)[] = [];
  const part = /(?:^|\.)([^.[\]"]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  let at = 0;
  for (let match = part.exec(path); match !== null; match = part.exec(path)) {
    const [whole, name, index, quoted] = match;
    if (name !== undefined) segments.push(name);
    else if (index !== undefined) segments.push(Number(index));
    else if (quoted !== undefined) segments.push(JSON.parse(quoted) as string);
    at += whole.length;
  }
  return at === path.length ? segments : undefined;
}

function lineOf(node: unknown, counter: LineCounter): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? counter.linePos(range[0]).line : undefined;
}
