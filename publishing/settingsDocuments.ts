/**
 * The settings kinds edited as forms in Warmline Studio (routing, agents, offers, messages) seen as
 * one JSON document each, in the files' own snake_case shape: a one-file kind is its file's mapping;
 * messages are `{ "en-US": {...}, "zh-CN": {...} }`, one mapping per locale file. A saved document is
 * written back into the YAML it came from (comments kept), and the kind's own validation judges it,
 * exactly as at publish. Also the choices a form offers (queue ids, reasons, time zones, ...).
 */
import { parse } from 'yaml';
import { escalationReasons } from '../handoff/escalation';
import type { RoutingConfig, Weekday } from '../handoff/routing';
import { supportedLocales } from '../locale/locale';
import { messageKeys } from '../messages/messageKeys';
import type { ContentFile } from './contentBundle';
import { writeBackYaml } from './yamlWriteBack';
import type { JsonValue } from './yamlWriteBack';

/** The kinds the studio's settings forms edit. */
export const settingsKinds = ['routing', 'agents', 'offers', 'messages'] as const;

/** One of {@link settingsKinds}. */
export type SettingsKind = (typeof settingsKinds)[number];

/** A document that cannot be written as the kind's files (not a mapping, an unknown locale, ...). */
export class SettingsDocumentError extends Error {
  readonly code = 'WL_SETTINGS_DOCUMENT';
  constructor(message: string) {
    super(message);
    this.name = 'SettingsDocumentError';
  }
}

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const satisfies readonly Weekday[];
const localeFile = (name: string): string | undefined => /^(.+)\.ya?ml$/i.exec(name)?.[1];

/** The kind's files as one document; `null` when a file is not YAML any more (its problems say why). */
export function settingsDocumentOf(kind: SettingsKind, files: readonly ContentFile[]): JsonValue | null {
  try {
    if (kind !== 'messages') return (parse(files[0]?.text ?? '') ?? {}) as JsonValue;
    const document: Record<string, JsonValue> = {};
    for (const file of files) document[localeFile(file.path) ?? file.path] = (parse(file.text) ?? {}) as JsonValue;
    return document;
  } catch {
    return null;
  }
}

/**
 * The files that change when `document` is saved over `files` (the draft as it stands): each one's
 * text with the document written in, comments kept. Throws a {@link SettingsDocumentError} when the
 * document does not have the kind's shape.
 */
export function settingsFilesFor(kind: SettingsKind, files: readonly ContentFile[], document: unknown): ContentFile[] {
  if (!isMapping(document)) throw new SettingsDocumentError(`The ${kind} document is a JSON object (a mapping, as the YAML file is).`);
  const targets: { path: string; value: JsonValue }[] = [];
  if (kind === 'messages') {
    for (const [locale, value] of Object.entries(document)) {
      if (!(supportedLocales as readonly string[]).includes(locale)) throw new SettingsDocumentError(`"${locale.slice(0, 40)}" is not a locale of the message catalogue; use ${supportedLocales.join(' and ')}.`);
      if (!isMapping(value)) throw new SettingsDocumentError(`The ${locale} messages are a JSON object of keys and texts.`);
      targets.push({ path: files.find((f) => localeFile(f.path) === locale)?.path ?? `${locale}.yaml`, value: value as JsonValue });
    }
  } else {
    targets.push({ path: files[0]?.path ?? `${kind}.yaml`, value: document as JsonValue });
  }
  return targets.flatMap(({ path, value }) => {
    const before = files.find((f) => f.path === path)?.text ?? '';
    const text = writeBackYaml(before, value);
    return text === before ? [] : [{ path, text }];
  });
}

/** What the content in force tells a form: the routing (queues, tiers) and the knowledge topics. */
export interface SettingsContext {
  readonly routing?: RoutingConfig;
  readonly topics?: readonly string[];
}

/** The values a kind's form offers to choose from. */
export function settingsChoices(kind: SettingsKind, context: SettingsContext): Record<string, unknown> {
  const locales = [...supportedLocales];
  switch (kind) {
    case 'routing':
      return { locales, weekdays, reasons: [...escalationReasons], timeZones: Intl.supportedValuesOf('timeZone') };
    case 'agents':
      return { locales, queues: (context.routing?.queues ?? []).map((q) => ({ id: q.id, names: q.names })) };
    case 'offers':
      return { locales, reasons: [...escalationReasons], tiers: (context.routing?.tiers ?? []).map((t) => t.id), topics: [...(context.topics ?? [])], propensities: ['thompson', 'mean'] };
    case 'messages':
      return { locales, keys: Object.entries(messageKeys).map(([key, placeholders]) => ({ key, placeholders })) };
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
