/** The settings screen's calls: read a kind's document (`GET /api/<kind>`) and save it into the draft (`PUT`). */

/** The kinds the settings forms edit. */
export type SettingsKind = 'routing' | 'agents' | 'offers' | 'messages';

/** Where the server has each kind (`/api/messages` is the bot's own endpoint). */
const paths: Readonly<Record<SettingsKind, string>> = { routing: '/api/routing', agents: '/api/agents', offers: '/api/offers', messages: '/api/message-catalogue' };

/** A problem the server's check (the same as a publish's) found, with where it is. */
export interface SettingsProblem {
  readonly message: string;
  readonly file?: string;
  readonly path?: string;
  readonly line?: number;
}

/** A kind's document as the server answers it. */
export interface SettingsView {
  readonly kind: SettingsKind;
  readonly eTag: string | null;
  /** True when the kind has a draft (changes not published yet). */
  readonly changed: boolean;
  readonly document: Record<string, unknown> | null;
  readonly files: readonly { readonly path: string; readonly text: string }[];
  readonly problems: readonly SettingsProblem[];
  readonly choices: Record<string, unknown>;
}

/** What a save came to. */
export type SaveResult =
  | { readonly kind: 'saved'; readonly view: SettingsView }
  | { readonly kind: 'stale' }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'failed' };

/** The kind's draft (or published) document, or undefined when it cannot be read. */
export async function loadSettings(kind: SettingsKind): Promise<SettingsView | undefined> {
  try {
    const res = await fetch(paths[kind], { credentials: 'same-origin' });
    return res.ok ? ((await res.json()) as SettingsView) : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the whole document into the kind's draft; `eTag` is the draft's as last read (409 → stale). */
export async function saveSettings(kind: SettingsKind, document: unknown, eTag: string | null, csrfToken: string): Promise<SaveResult> {
  let res: Response;
  try {
    res = await fetch(paths[kind], {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken, ...(eTag ? { 'If-Match': `"${eTag}"` } : {}) },
      body: JSON.stringify({ document }),
    });
  } catch {
    return { kind: 'failed' };
  }
  if (res.status === 409) return { kind: 'stale' };
  if (res.ok) return { kind: 'saved', view: (await res.json()) as SettingsView };
  const body = (await res.json().catch(() => undefined)) as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? { kind: 'refused', message: body.message } : { kind: 'failed' };
}
