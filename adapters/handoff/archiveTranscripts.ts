/**
 * The agent's `/transcript` from the transcript archive: the customer's conversation, messages only,
 * the newest `limit` lines.
 */
import type { Activity } from 'botbuilder';
import type { TranscriptLine, TranscriptSource } from '../../handoff/transcriptSource';
import type { TranscriptArchive } from '../../storage/transcriptArchive';

/** Most pages read for one transcript (a page holds many activities). */
const maxPages = 20;

/** Reads lines from a {@link TranscriptArchive}. */
export class ArchiveTranscripts implements TranscriptSource {
  constructor(private readonly archive: TranscriptArchive) {}

  async lines(channelId: string, conversationId: string, customerId: string, limit: number): Promise<TranscriptLine[]> {
    const lines: TranscriptLine[] = [];
    let token: string | undefined;
    for (let page = 0; page < maxPages; page += 1) {
      const result = await this.archive.getTranscriptActivities(channelId, conversationId, token);
      for (const activity of result.items as Activity[]) {
        if (activity.type !== 'message' || typeof activity.text !== 'string' || activity.text === '') continue;
        const agent = agentMark(activity.channelData);
        const id = agent?.lineId ?? activity.id;
        lines.push({
          ...(id ? { id } : {}),
          at: new Date(activity.timestamp ?? 0).toISOString(),
          speaker: activity.from?.id === customerId ? 'customer' : agent ? 'agent' : 'bot',
          ...(agent ? { name: agent.name } : {}),
          text: activity.text,
        });
      }
      token = result.continuationToken || undefined;
      if (!token) break;
    }
    return lines.slice(-limit);
  }
}

/** The mark ProactiveMessenger puts on an agent's line: `channelData.warmline.agent` and `lineId`. */
function agentMark(channelData: unknown): { name: string; lineId?: string } | undefined {
  const warmline = (channelData as { warmline?: { agent?: { name?: unknown }; lineId?: unknown } } | undefined)?.warmline;
  if (typeof warmline?.agent?.name !== 'string') return undefined;
  return { name: warmline.agent.name, ...(typeof warmline.lineId === 'string' ? { lineId: warmline.lineId } : {}) };
}
