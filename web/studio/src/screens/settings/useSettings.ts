import { useCallback, useEffect, useState } from 'react';
import type { SignedIn } from '../../api';
import { setAt } from './documentPath';
import type { Path } from './documentPath';
import { loadSettings, saveSettings } from './settingsApi';
import type { SettingsKind, SettingsProblem, SettingsView } from './settingsApi';

/** Where a save stands. */
export type SaveStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: Date }
  | { readonly kind: 'stale' }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'failed' };

/** One kind's document being edited: what the server has, the edited copy, and saving it to the draft. */
export interface SettingsEditing {
  readonly kind: SettingsKind;
  /** Undefined while loading; 'failed' when it could not be read. */
  readonly view: SettingsView | undefined | 'failed';
  readonly doc: unknown;
  readonly dirty: boolean;
  readonly status: SaveStatus;
  /** The problems of the draft as last saved, with message files' keys under their locale (`zh-CN.bot.tooLong`). */
  readonly problems: readonly SettingsProblem[];
  readonly set: (path: Path, value: unknown) => void;
  readonly save: () => Promise<void>;
  readonly reload: () => Promise<void>;
}

/** The problems with each message file's key placed under its locale, where the form shows it. */
function placed(kind: SettingsKind, problems: readonly SettingsProblem[]): SettingsProblem[] {
  if (kind !== 'messages') return [...problems];
  return problems.map((p) => {
    const locale = p.file?.replace(/\.ya?ml$/i, '');
    return locale ? { ...p, path: p.path ? `${locale}.${p.path}` : locale } : p;
  });
}

/** Loads a kind's document and keeps the edits until they are saved into the draft. */
export function useSettings(kind: SettingsKind, session: SignedIn): SettingsEditing {
  const [view, setView] = useState<SettingsView | undefined | 'failed'>();
  const [doc, setDoc] = useState<unknown>();
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });

  const reload = useCallback(async () => {
    const found = await loadSettings(kind);
    setView(found ?? 'failed');
    setDoc(found?.document);
    setDirty(false);
    setStatus({ kind: 'idle' });
  }, [kind]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const set = useCallback((path: Path, value: unknown) => {
    setDoc((d: unknown) => setAt(d, path, value));
    setDirty(true);
  }, []);

  const save = async (): Promise<void> => {
    if (!view || view === 'failed') return;
    setStatus({ kind: 'saving' });
    const result = await saveSettings(kind, doc, view.eTag, session.csrfToken);
    if (result.kind === 'saved') {
      setView(result.view);
      setDoc(result.view.document);
      setDirty(false);
      setStatus({ kind: 'saved', at: new Date() });
    } else setStatus(result);
  };

  return { kind, view, doc, dirty, status, problems: placed(kind, view && view !== 'failed' ? view.problems : []), set, save, reload };
}
