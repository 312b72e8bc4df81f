import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { RedisTranscriptStore } from '../../storage/redisTranscriptStore';
import { requireRedis } from '../support/services';
import { RedisTestClients } from './redisTestClients';
import { transcriptConformance } from './transcriptConformance';

describe('RedisTranscriptStore', function () {
  let url = '';
  before(async function () {
    url = await requireRedis(this);
  });

  transcriptConformance('RedisTranscriptStore', async (now) => {
    const redis = new RedisTestClients(url);
    return { archive: new RedisTranscriptStore(await redis.connect(), redis.prefix, now), close: () => redis.cleanup() };
  });

  describe('keys', () => {
    let redis: RedisTestClients;
    beforeEach(() => {
      redis = new RedisTestClients(url);
    });
    afterEach(async () => redis.cleanup());

    it('keeps every key under its prefix and leaves none behind once everything is purged', async () => {
      const archive = new RedisTranscriptStore(await redis.connect(), redis.prefix);
      const message = { type: 'message', channelId: 'webchat', conversation: { id: 'c1' }, timestamp: new Date(Date.UTC(2024, 0, 1)) } as Activity;
      await archive.logActivity(message);
      const keys = await redis.keys();
      expect(keys).to.have.length.greaterThan(0);
      expect(keys.every((k) => k.startsWith(`${redis.prefix}transcript:`))).to.equal(true);
      expect(await archive.purgeOlderThan(new Date(Date.UTC(2025, 0, 1)))).to.equal(1);
      // Only the sequence counter remains: no empty indexes pile up.
      expect(await redis.keys()).to.deep.equal([`${redis.prefix}transcript:seq`]);
    });
  });
});
