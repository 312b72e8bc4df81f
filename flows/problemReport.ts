/**
 * How the validator's checks report a problem: by topic and YAML path, the line looked up in the
 * file when the loader knows it, else the topic's own.
 */
import { yamlPath } from '../yaml/yamlProblems';
import type { Topic } from './flowDefinition';
import type { FlowProblem, FlowProblemCode } from './flowErrors';
import type { YamlSegments } from './yamlSource';

/** Finds the 1-based line of a YAML path in a topic file, when the file is at hand. */
export type LineLocator = (file: string, path: YamlSegments) => number | undefined;

/** Reports one problem of `topic` at `path`. */
export type Report = (code: FlowProblemCode, topic: Topic, path: YamlSegments, message: string) => void;

/** A {@link Report} that adds to `problems`. */
export function reporter(problems: FlowProblem[], locate?: LineLocator): Report {
  return (code, topic, path, message) => {
    const line = locate?.(topic.source.file, path) ?? topic.source.line;
    problems.push({ code, file: topic.source.file, path: yamlPath(path), ...(line === undefined ? {} : { line }), message });
  };
}
