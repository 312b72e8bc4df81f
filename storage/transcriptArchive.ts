/**
 * Where conversation transcripts are kept: botbuilder's `TranscriptStore` plus retention.
 * Pages hold {@link transcriptPageSize} items, oldest first; a page's `continuationToken` is
 * opaque and is the empty string when there is no further page.
 */
import type { Activity, TranscriptStore } from 'botbuilder';

export { transcriptPageSize } from './transcriptPaging';

/** A `TranscriptStore` that can also forget old activities. */
export interface TranscriptArchive extends TranscriptStore {
  /**
   * Removes every activity whose timestamp is before `cutoff`, and conversations left with none.
   * Resolves with the number of activities removed.
   */
  purgeOlderThan(cutoff: Date): Promise<number>;

  /** Every channel that has at least one stored conversation (for privacy requests, which search them all). */
  listChannels(): Promise<string[]>;

  /**
   * Removes the activities of one conversation for which `matches` is true (the conversation goes
   * when none are left; the others keep their order). Resolves with how many were removed.
   */
  removeActivities(channelId: string, conversationId: string, matches: (activity: Activity) => boolean): Promise<number>;
}
