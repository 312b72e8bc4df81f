/**
 * Where conversation transcripts are kept: botbuilder's `TranscriptStore` plus retention.
 * Pages hold {@link transcriptPageSize} items, oldest first; a page's `continuationToken` is
 * opaque and is the empty string when there is no further page.
 */
import type { TranscriptStore } from 'botbuilder';

export { transcriptPageSize } from './transcriptPaging';

/** A `TranscriptStore` that can also forget old activities. */
export interface TranscriptArchive extends TranscriptStore {
  /**
   * Removes every activity whose timestamp is before `cutoff`, and conversations left with none.
   * Resolves with the number of activities removed.
   */
  purgeOlderThan(cutoff: Date): Promise<number>;
}
