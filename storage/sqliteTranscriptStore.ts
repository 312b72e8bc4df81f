/**
 * Transcripts in the SQLite file (table `transcript_activities`): one row per activity, ordered
 * by (timestamp, insertion sequence). A conversation exists while it has activities. Rows are
 * inserted in the connection's group commit (`sqliteWriteBatch.ts`): `logActivity` resolves once
 * its row is committed, and every other method first commits what is queued.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Activity, PagedResult, TranscriptInfo } from 'botbuilder';
import type { TranscriptArchive } from './transcriptArchive';
import { checkTranscriptId, fromStoredJson, toStoredActivity } from './transcriptActivity';
import { activityPage, conversationPage, cutoffTimeOf, decodeActivityCursor, decodeConversationCursor, startTimeOf, transcriptPageSize } from './transcriptPaging';
import type { ActivityRow, ConversationRow } from './transcriptPaging';
import { sqliteWriteBatch } from './sqliteWriteBatch';
import type { SqliteWriteBatch } from './sqliteWriteBatch';

const before = Number.MIN_SAFE_INTEGER;

/** {@link TranscriptArchive} over a database opened by `openSqliteDatabase`. */
export class SqliteTranscriptStore implements TranscriptArchive {
  private readonly insert: Statement<[string, string, number, string]>;
  private readonly selectPage: Statement<[string, string, number, number, number, number], ActivityRow>;
  private readonly selectConversations: Statement<[string, number, string, number], ConversationRow>;
  private readonly deleteConversation: Statement<[string, string]>;
  private readonly deleteBefore: Statement<[number]>;
  private readonly selectChannels: Statement<[], { channel: string }>;
  private readonly selectConversation: Statement<[string, string], { seq: number; json: string }>;
  private readonly deleteOne: Statement<[number]>;
  private readonly removeWhere: (channelId: string, conversationId: string, matches: (activity: Activity) => boolean) => number;
  private readonly batch: SqliteWriteBatch;

  /**
   * @param db An open database whose schema is up to date; the caller closes it.
   * @param now Clock used for activities without a timestamp.
   */
  constructor(
    db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insert = db.prepare('INSERT INTO transcript_activities (channel_id, conversation_id, ts, activity) VALUES (?, ?, ?, ?)');
    this.selectPage = db.prepare(`
      SELECT seq, ts AS time, activity AS json FROM transcript_activities
      WHERE channel_id = ? AND conversation_id = ? AND ts >= ? AND (ts, seq) > (?, ?)
      ORDER BY ts, seq LIMIT ?`);
    this.selectConversations = db.prepare(`
      SELECT conversation_id AS id, MIN(ts) AS time FROM transcript_activities
      WHERE channel_id = ? GROUP BY conversation_id
      HAVING (MIN(ts), conversation_id) > (?, ?)
      ORDER BY time, id LIMIT ?`);
    this.deleteConversation = db.prepare('DELETE FROM transcript_activities WHERE channel_id = ? AND conversation_id = ?');
    this.deleteBefore = db.prepare('DELETE FROM transcript_activities WHERE ts < ?');
    this.selectChannels = db.prepare('SELECT DISTINCT channel_id AS channel FROM transcript_activities');
    this.selectConversation = db.prepare('SELECT seq, activity AS json FROM transcript_activities WHERE channel_id = ? AND conversation_id = ?');
    this.deleteOne = db.prepare('DELETE FROM transcript_activities WHERE seq = ?');
    // One IMMEDIATE transaction: what was read is what is removed.
    const removeTx = db.transaction((channelId: string, conversationId: string, matches: (activity: Activity) => boolean) => {
      const doomed = this.selectConversation.all(channelId, conversationId).filter((row) => matches(fromStoredJson(row.json)));
      for (const row of doomed) this.deleteOne.run(row.seq);
      return doomed.length;
    });
    this.removeWhere = (channelId, conversationId, matches) => removeTx.immediate(channelId, conversationId, matches);
    this.batch = sqliteWriteBatch(db);
  }

  /** Stores a copy of the activity, at its timestamp (or now). */
  async logActivity(activity: Activity): Promise<void> {
    const stored = toStoredActivity(activity, this.now());
    await this.batch.run(() => this.insert.run(stored.channelId, stored.conversationId, stored.time, stored.json));
  }

  /** One page of a conversation's activities, oldest first, from `startDate` on. */
  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    checkTranscriptId(channelId, 'channelId');
    checkTranscriptId(conversationId, 'conversationId');
    this.batch.flush();
    const after = decodeActivityCursor(continuationToken) ?? { time: before, seq: 0 };
    const start = startTimeOf(startDate) ?? before;
    const rows = this.selectPage.all(channelId, conversationId, start, after.time, after.seq, transcriptPageSize + 1);
    return activityPage(rows);
  }

  /** One page of a channel's conversations, by creation time (their oldest stored activity). */
  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    checkTranscriptId(channelId, 'channelId');
    this.batch.flush();
    const after = decodeConversationCursor(continuationToken) ?? { time: before, id: '' };
    const rows = this.selectConversations.all(channelId, after.time, after.id, transcriptPageSize + 1);
    return conversationPage(channelId, rows);
  }

  /** Removes a conversation and all its activities; unknown ones are ignored. */
  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    checkTranscriptId(channelId, 'channelId');
    checkTranscriptId(conversationId, 'conversationId');
    this.batch.flush();
    this.deleteConversation.run(channelId, conversationId);
  }

  /** Removes activities older than `cutoff` (conversations left empty go with them); resolves with how many went. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    this.batch.flush();
    return this.deleteBefore.run(cutoffTimeOf(cutoff)).changes;
  }

  /** Channels with at least one conversation. */
  async listChannels(): Promise<string[]> {
    this.batch.flush();
    return this.selectChannels.all().map((row) => row.channel);
  }

  /** Removes the conversation's activities that `matches`; resolves with how many went. */
  async removeActivities(channelId: string, conversationId: string, matches: (activity: Activity) => boolean): Promise<number> {
    checkTranscriptId(channelId, 'channelId');
    checkTranscriptId(conversationId, 'conversationId');
    this.batch.flush();
    return this.removeWhere(channelId, conversationId, matches);
  }
}
