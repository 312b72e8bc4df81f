/**
 * The message catalogue as a published version holds it: `en-US.yaml` and `zh-CN.yaml`, checked for
 * completeness (every key, every placeholder, both locales) exactly as at start-up.
 */
import type { ContentFile, ContentProblem } from '../publishing/contentBundle';
import type { ContentFilter } from '../publishing/contentFolder';
import { yamlFileProblems } from '../publishing/fileProblems';
import { supportedLocales } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';
import { catalogueFileName, parseMessageCatalogue } from './loadMessageCatalogue';
import type { MessageCatalogue } from './messageCatalogue';
import { MessageCatalogueError, messageErrorCodes } from './messageErrors';

/** Which files of a messages folder make a version: the YAML files at its top level. */
export const isMessageFile: ContentFilter = (relativePath) => /^[^/]+\.ya?ml$/i.test(relativePath);

/** The catalogue of a version; throws a {@link MessageCatalogueError} listing every problem. */
export function messagesOfBundle(files: readonly ContentFile[], version = 'to publish'): MessageCatalogue {
  const strays = strayFiles(files);
  if (strays.length > 0) throw new MessageCatalogueError(messageErrorCodes.invalid, `The message catalogue ${version} has files for no supported locale: ${strays.join(', ')}`);
  const sources: Partial<Record<SupportedLocale, string>> = {};
  for (const locale of supportedLocales) {
    const text = files.find((f) => f.path === catalogueFileName(locale))?.text;
    if (text !== undefined) sources[locale] = text;
  }
  return parseMessageCatalogue(sources, version);
}

/** Every problem of a catalogue version: file, key (as a YAML path) and line. */
export function messageBundleProblems(files: readonly ContentFile[]): ContentProblem[] {
  const strays = strayFiles(files).map((file) => ({ file, message: `is not a supported locale's catalogue; expected ${supportedLocales.map(catalogueFileName).join(' and ')}`, code: messageErrorCodes.invalid }));
  try {
    messagesOfBundle(files.filter((f) => !strays.some((s) => s.file === f.path)));
    return strays;
  } catch (error) {
    if (!(error instanceof MessageCatalogueError)) throw error;
    const byFile = (name: string): ContentFile => files.find((f) => f.path === name) ?? { path: name, text: '' };
    const found = error.problems.flatMap((p) => {
      const syntaxLine = /^line (\d+): /.exec(p.message);
      const path = syntaxLine ? `line ${syntaxLine[1]}` : p.key;
      return yamlFileProblems(byFile(p.file), [{ path, message: p.message.replace(/^line \d+: /, '') }], p.code);
    });
    return [...strays, ...found];
  }
}

function strayFiles(files: readonly ContentFile[]): string[] {
  const known = supportedLocales.map(catalogueFileName);
  return files.map((f) => f.path).filter((p) => !known.includes(p));
}
