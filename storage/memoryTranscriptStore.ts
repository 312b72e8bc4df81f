/**
 * Transcripts kept in process memory, for tests and `STORAGE=memory`; same paging, ordering and
 * retention rules as the SQLite and Redis archives.
 */
import type { Activity, PagedResult, TranscriptInfo } from 'botbuilder';
import type { TranscriptArchive } from './transcriptArchive';
import { checkTranscriptId, fromStoredJson, toStoredActivity } from './transcriptActivity';
import { activityPage, compareUtf8, conversationPage, cutoffTimeOf, decodeActivityCursor, decodeConversationCursor, startTimeOf, transcriptPageSize } from './transcriptPaging';
import type { ActivityRow } from './transcriptPaging';

type Entry = ActivityRow;

/** In-memory {@link TranscriptArchive}. */
export class MemoryTranscriptStore implements TranscriptArchive {
  /** channel id → conversation id → entries ordered by (time, seq). */
  private readonly channels = new Map<string, Map<string, Entry[]>>();
  private lastSeq = 0;

  /** @param now Clock used for activities without a timestamp. */
  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Stores a copy of the activity, at its timestamp (or now). */
  async logActivity(activity: Activity): Promise<void> {
    const stored = toStoredActivity(activity, this.now());
    let conversations = this.channels.get(stored.channelId);
    if (!conversations) this.channels.set(stored.channelId, (conversations = new Map()));
    let entries = conversations.get(stored.conversationId);
    if (!entries) conversations.set(stored.conversationId, (entries = []));
    const entry: Entry = { seq: ++this.lastSeq, time: stored.time, json: stored.json };
    const at = entries.findIndex((e) => e.time > entry.time);
    entries.splice(at === -1 ? entries.length : at, 0, entry);
  }

  /** One page of a conversation's activities, oldest first, from `startDate` on. */
  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    checkTranscriptId(channelId, 'channelId');
    checkTranscriptId(conversationId, 'conversationId');
    const after = decodeActivityCursor(continuationToken);
    const start = startTimeOf(startDate) ?? -Infinity;
    const entries = this.channels.get(channelId)?.get(conversationId) ?? [];
    const rows = entries.filter(
      (e) => e.time >= start && (!after || e.time > after.time || (e.time === after.time && e.seq > after.seq)),
    );
    return activityPage(rows.slice(0, transcriptPageSize + 1));
  }

  /** One page of a channel's conversations, by creation time (their oldest stored activity). */
  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    checkTranscriptId(channelId, 'channelId');
    const after = decodeConversationCursor(continuationToken);
    const rows = [...(this.channels.get(channelId) ?? new Map<string, Entry[]>())]
      .map(([id, entries]) => ({ id, time: entries[0]?.time ?? 0 }))
      .filter((c) => !after || c.time > after.time || (c.time === after.time && compareUtf8(c.id, after.id) > 0))
      .sort((a, b) => a.time - b.time || compareUtf8(a.id, b.id));
    return conversationPage(channelId, rows.slice(0, transcriptPageSize + 1));
  }

  /** Removes a conversation and all its activities; unknown ones are ignored. */
  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    checkTranscriptId(channelId, 'channelId');
    checkTranscriptId(conversationId, 'conversationId');
    const conversations = this.channels.get(channelId);
    conversations?.delete(conversationId);
    if (conversations?.size === 0) this.channels.delete(channelId);
  }

  /** Removes activities older than `cutoff` and conversations left empty; resolves with how many activities went. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const cutoffTime = cutoffTimeOf(cutoff);
    let removed = 0;
    for (const [channelId, conversations] of this.channels) {
      for (const [conversationId, entries] of conversations) {
        const kept = entries.filter((e) => e.time >= cutoffTime);
        removed += entries.length - kept.length;
        if (kept.length === 0) conversations.delete(conversationId);
        else conversations.set(conversationId, kept);
      }
      if (conversations.size === 0) this.channels.delete(channelId);
    }
    return removed;
  }

  /** Channels with at least one conversation. */
  async listChannels(): Promise<string[]> {
    return [...this.channels.keys()];
  }

  /** Removes the conversation's activities that `matches`; resolves with how many went. */
  async removeActivities(channelId: string, conversationId: string, matches: (activity: Activity) => boolean): Promise<number> {
    checkTranscriptId(channelId, 'channelId');
    checkTranscriptId(conversationId, 'conversationId');
    const conversations = this.channels.get(channelId);
    const entries = conversations?.get(conversationId);
    if (!conversations || !entries) return 0;
    const kept = entries.filter((e) => !matches(fromStoredJson(e.json)));
    if (kept.length === 0) conversations.delete(conversationId);
    else conversations.set(conversationId, kept);
    if (conversations.size === 0) this.channels.delete(channelId);
    return entries.length - kept.length;
  }
}
