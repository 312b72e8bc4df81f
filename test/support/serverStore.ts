/**
 * The published content as a running server sees it: its own handle on the store the admin tools
 * write to (the same settings), opened for one look and closed again.
 */
import { loadConfig } from '../../config';
import { silentLogger } from '../../logger';
import { ContentVersions } from '../../publishing/contentVersions';
import { openStorageBackend } from '../../storage/storageBackend';

/** Runs `work` on the versions in the store `env` names, through a handle of its own. */
export async function onServerStore<T>(env: Record<string, string>, work: (versions: ContentVersions) => Promise<T>): Promise<T> {
  const backend = await openStorageBackend(loadConfig(env).storage, silentLogger());
  try {
    return await work(new ContentVersions(backend.storage));
  } finally {
    await backend.close();
  }
}
