/**
 * The Lua scripts behind `RedisTranscriptStore`: each changes activities and the indexes that
 * point at them in one atomic step.
 */
import { RedisScript } from './redisScript';

/**
 * Lua run after activities were removed (KEYS: channel set, channel's conversations, conversation's
 * activities): drops an emptied conversation from the indexes, or re-scores it by its oldest activity.
 */
function tidyConversation(channelArg: string, conversationArg: string): string {
  return `local first = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
if #first == 0 then
  redis.call('ZREM', KEYS[2], ${conversationArg})
  if redis.call('ZCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[1], ${channelArg}) end
else
  redis.call('ZADD', KEYS[2], first[2], ${conversationArg})
end`;
}

/** Scripts of the Redis transcript archive, by operation. */
export const redisTranscriptScripts = {
  /**
   * KEYS: sequence counter, channel set, channel's conversations, conversation's activities.
   * ARGV: time (ms), activity JSON, channel id, conversation id. Returns the sequence number.
   */
  log: new RedisScript(`
local seq = redis.call('INCR', KEYS[1])
redis.call('ZADD', KEYS[4], ARGV[1], string.format('%016d', seq) .. '|' .. ARGV[2])
local created = redis.call('ZSCORE', KEYS[3], ARGV[4])
if (not created) or tonumber(ARGV[1]) < tonumber(created) then
  redis.call('ZADD', KEYS[3], ARGV[1], ARGV[4])
end
redis.call('SADD', KEYS[2], ARGV[3])
return seq
`),

  /** KEYS: channel set, channel's conversations, conversation's activities. ARGV: channel id, conversation id. */
  delete: new RedisScript(`
redis.call('DEL', KEYS[3])
redis.call('ZREM', KEYS[2], ARGV[2])
if redis.call('ZCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[1], ARGV[1]) end
return 0
`),

  /**
   * KEYS: channel set, channel's conversations, conversation's activities.
   * ARGV: cutoff (ms), channel id, conversation id. Removes activities before the cutoff, then
   * drops the conversation if it is empty or re-scores it by its oldest remaining activity.
   * Returns how many activities were removed.
   */
  purge: new RedisScript(`
local removed = redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[1])
${tidyConversation('ARGV[2]', 'ARGV[3]')}
return removed
`),

  /**
   * KEYS: channel set, channel's conversations, conversation's activities.
   * ARGV: channel id, conversation id, then the members to remove. Removes them, then drops the
   * conversation if it is empty or re-scores it by its oldest remaining activity. Returns how many
   * were removed.
   */
  remove: new RedisScript(`
local removed = 0
for i = 3, #ARGV do removed = removed + redis.call('ZREM', KEYS[3], ARGV[i]) end
${tidyConversation('ARGV[1]', 'ARGV[2]')}
return removed
`),
} as const;
