/**
 * Problems of a version to publish, told the way an admin finds them: the file, the YAML path and the
 * line. The loaders of each kind know the path; the line is looked up in the file's text.
 */
import { lineOfYamlPath } from '../yaml/yamlLines';
import type { ContentFile, ContentProblem } from './contentBundle';

/** Problems a YAML loader reported (`{ path, message }`) in `file`, each with its line when it can be found. */
export function yamlFileProblems(file: ContentFile, problems: readonly { readonly path: string; readonly message: string }[], code: string): ContentProblem[] {
  return problems.map((p) => {
    const line = lineOfYamlPath(file.text, p.path);
    const path = /^line \d+$/.test(p.path) ? '' : p.path;
    return { file: file.path, message: p.message, code, ...(path ? { path } : {}), ...(line !== undefined ? { line } : {}) };
  });
}

/**
 * The one YAML file of a kind kept in a single file (routing, roster, offers), or the problem with
 * the bundle: none, or more than one.
 */
export function onlyYamlFile(files: readonly ContentFile[], what: string): ContentFile | ContentProblem {
  const yaml = files.filter((f) => /\.ya?ml$/i.test(f.path));
  const others = files.filter((f) => !yaml.includes(f)).map((f) => f.path);
  if (yaml.length === 1 && others.length === 0 && yaml[0]) return yaml[0];
  const found = files.map((f) => f.path).join(', ') || 'none';
  return { message: `${what} is one YAML file; these files are: ${found}`, code: 'WL_CONTENT_ONE_FILE' };
}

/** True for what {@link onlyYamlFile} returns when the bundle is not one YAML file. */
export function isProblem(value: ContentFile | ContentProblem): value is ContentProblem {
  return !('text' in value);
}
