/**
 * The offer catalogue as a published version holds it: one YAML file, checked by the same loader as
 * at start-up against the knowledge topics and routing tiers in force.
 */
import type { ContentFile, ContentProblem } from '../publishing/contentBundle';
import { isProblem, onlyYamlFile, yamlFileProblems } from '../publishing/fileProblems';
import type { OfferCatalogue } from './offerCatalogue';
import { OfferCatalogueError, parseOfferCatalogue } from './offerCatalogueLoader';
import type { OfferCatalogueOptions } from './offerCatalogueLoader';

/** The catalogue of a version; throws an {@link OfferCatalogueError} listing every problem. */
export function offersOfBundle(files: readonly ContentFile[], options: OfferCatalogueOptions): OfferCatalogue {
  const file = onlyYamlFile(files, 'The offer catalogue');
  if (isProblem(file)) throw new TypeError(file.message);
  return parseOfferCatalogue(file.text, file.path, options);
}

/** Every problem of a catalogue version, with file, YAML path and line. */
export function offerBundleProblems(files: readonly ContentFile[], options: OfferCatalogueOptions): ContentProblem[] {
  const file = onlyYamlFile(files, 'The offer catalogue');
  if (isProblem(file)) return [file];
  try {
    parseOfferCatalogue(file.text, file.path, options);
    return [];
  } catch (error) {
    if (error instanceof OfferCatalogueError) return yamlFileProblems(file, error.problems, error.code);
    return [{ file: file.path, message: error instanceof Error ? error.message : String(error) }];
  }
}
