/**
 * Transcripts in Redis. Per conversation, a sorted set of activities scored by timestamp whose
 * members start with a zero-padded sequence number, so ties keep their logging order. Per
 * channel, a sorted set of conversations scored by their oldest activity; plus a set of channels
 * for retention. Every change is one Lua script, so indexes never disagree with the activities.
 */
import type { Activity, PagedResult, TranscriptInfo } from 'botbuilder';
import type { RedisCommandClient } from './redisCommandClient';
import { StorageArgumentError } from './storageErrors';
import type { TranscriptArchive } from './transcriptArchive';
import { checkTranscriptId, fromStoredJson, toStoredActivity } from './transcriptActivity';
import { redisTranscriptScripts } from './redisTranscriptScripts';
import { activityPage, compareUtf8, conversationPage, cutoffTimeOf, decodeActivityCursor, decodeConversationCursor, startTimeOf, transcriptPageSize } from './transcriptPaging';
import type { ActivityRow, ConversationRow } from './transcriptPaging';

const seqDigits = 16;
const purgeBatch = 100;

interface ScoredMember {
  readonly member: string;
  readonly score: number;
}

/** {@link TranscriptArchive} over a connected `redis` v5 client; every key is namespaced by `keyPrefix`. */
export class RedisTranscriptStore implements TranscriptArchive {
  private readonly seqKey: string;
  private readonly channelsKey: string;

  /**
   * @param client A connected client; the caller owns and closes it.
   * @param keyPrefix Prepended to every Redis key (e.g. `warmline:`).
   * @param now Clock used for activities without a timestamp.
   */
  constructor(
    private readonly client: RedisCommandClient,
    private readonly keyPrefix: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (typeof keyPrefix !== 'string') throw new StorageArgumentError('RedisTranscriptStore needs a string key prefix');
    this.seqKey = `${keyPrefix}transcript:seq`;
    this.channelsKey = `${keyPrefix}transcript:channels`;
  }

  /** Stores a copy of the activity, at its timestamp (or now). */
  async logActivity(activity: Activity): Promise<void> {
    const s = toStoredActivity(activity, this.now());
    const keys = [this.seqKey, this.channelsKey, this.conversationsKey(s.channelId), this.activitiesKey(s.channelId, s.conversationId)];
    await redisTranscriptScripts.log.run(this.client, keys, [String(s.time), s.json, s.channelId, s.conversationId]);
  }

  /** One page of a conversation's activities, oldest first, from `startDate` on. */
  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    checkTranscriptId(channelId, 'channelId');
    checkTranscriptId(conversationId, 'conversationId');
    const after = decodeActivityCursor(continuationToken);
    const start = startTimeOf(startDate);
    const key = this.activitiesKey(channelId, conversationId);
    const resume = after !== undefined && (start === undefined || after.time >= start);
    const rows = await this.pageRows(key, toActivityRow, start === undefined ? '-inf' : String(start), resume ? { time: after.time, isAfter: (r) => r.seq > after.seq } : undefined);
    return activityPage(rows);
  }

  /** One page of a channel's conversations, by creation time (their oldest stored activity). */
  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    checkTranscriptId(channelId, 'channelId');
    const after = decodeConversationCursor(continuationToken);
    const key = this.conversationsKey(channelId);
    const rows = await this.pageRows(key, toConversationRow, '-inf', after ? { time: after.time, isAfter: (r) => compareUtf8(r.id, after.id) > 0 } : undefined);
    return conversationPage(channelId, rows);
  }

  /** Removes a conversation and all its activities; unknown ones are ignored. */
  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    checkTranscriptId(channelId, 'channelId');
    checkTranscriptId(conversationId, 'conversationId');
    const keys = [this.channelsKey, this.conversationsKey(channelId), this.activitiesKey(channelId, conversationId)];
    await redisTranscriptScripts.delete.run(this.client, keys, [channelId, conversationId]);
  }

  /** Removes activities older than `cutoff` and conversations left empty; resolves with how many activities went. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const cutoffTime = cutoffTimeOf(cutoff);
    const channels = (await this.client.sendCommand(['SMEMBERS', this.channelsKey])) as string[];
    let removed = 0;
    for (const channelId of channels) {
      const conversationsKey = this.conversationsKey(channelId);
      // Each purged conversation either disappears or is re-scored at or after the cutoff, so this ends.
      for (;;) {
        const stale = await this.range(conversationsKey, '-inf', `(${cutoffTime}`, purgeBatch);
        if (stale.length === 0) break;
        for (const { member: conversationId } of stale) {
          const keys = [this.channelsKey, conversationsKey, this.activitiesKey(channelId, conversationId)];
          removed += Number(await redisTranscriptScripts.purge.run(this.client, keys, [String(cutoffTime), channelId, conversationId]));
        }
      }
    }
    return removed;
  }

  /** Channels with at least one conversation. */
  async listChannels(): Promise<string[]> {
    return (await this.client.sendCommand(['SMEMBERS', this.channelsKey])) as string[];
  }

  /** Removes the conversation's activities that `matches` (in one script per batch); resolves with how many went. */
  async removeActivities(channelId: string, conversationId: string, matches: (activity: Activity) => boolean): Promise<number> {
    checkTranscriptId(channelId, 'channelId');
    checkTranscriptId(conversationId, 'conversationId');
    const key = this.activitiesKey(channelId, conversationId);
    const members = (await this.client.sendCommand(['ZRANGE', key, '0', '-1'])) as string[];
    const doomed = members.filter((member) => matches(fromStoredJson(toActivityRow({ member, score: 0 }).json)));
    if (doomed.length === 0) return 0;
    const keys = [this.channelsKey, this.conversationsKey(channelId), key];
    let removed = 0;
    for (let i = 0; i < doomed.length; i += purgeBatch) {
      removed += Number(await redisTranscriptScripts.remove.run(this.client, keys, [channelId, conversationId, ...doomed.slice(i, i + purgeBatch)]));
    }
    return removed;
  }

  /**
   * Up to a page and one rows of a sorted set, from `min` or from just after a cursor. Redis cannot
   * range on (score, member) at once, so members sharing the cursor's score are fetched and filtered first.
   */
  private async pageRows<Row>(key: string, toRow: (m: ScoredMember) => Row, min: string, cursor?: { time: number; isAfter: (row: Row) => boolean }): Promise<Row[]> {
    const wanted = transcriptPageSize + 1;
    const ties = cursor ? (await this.range(key, String(cursor.time), String(cursor.time))).map(toRow).filter(cursor.isAfter) : [];
    if (ties.length >= wanted) return ties;
    const rest = await this.range(key, cursor ? `(${cursor.time}` : min, '+inf', wanted - ties.length);
    return [...ties, ...rest.map(toRow)];
  }

  private async range(key: string, min: string, max: string, limit?: number): Promise<ScoredMember[]> {
    const args = ['ZRANGE', key, min, max, 'BYSCORE', ...(limit === undefined ? [] : ['LIMIT', '0', String(limit)]), 'WITHSCORES'];
    const flat = (await this.client.sendCommand(args)) as string[];
    const members: ScoredMember[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) members.push({ member: flat[i] as string, score: Number(flat[i + 1]) });
    return members;
  }

  private conversationsKey(channelId: string): string {
    return `${this.keyPrefix}transcript:conversations:${escapeKeyPart(channelId)}`;
  }

  private activitiesKey(channelId: string, conversationId: string): string {
    return `${this.keyPrefix}transcript:activities:${escapeKeyPart(channelId)}:${escapeKeyPart(conversationId)}`;
  }
}

function toActivityRow(m: ScoredMember): ActivityRow {
  return { time: m.score, seq: Number(m.member.slice(0, seqDigits)), json: m.member.slice(seqDigits + 1) };
}

function toConversationRow(m: ScoredMember): ConversationRow {
  return { id: m.member, time: m.score };
}

/** Makes an id safe to join with `:` (no `:` left, and reversible), keeping keys readable. */
function escapeKeyPart(id: string): string {
  return id.replace(/%/g, '%25').replace(/:/g, '%3A');
}
