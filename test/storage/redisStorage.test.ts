import { expect } from 'chai';
import { RedisStorage } from '../../storage/redisStorage';
import { requireRedis } from '../support/services';
import { RedisTestClients } from './redisTestClients';
import { storageConformance } from './storageConformance';

describe('RedisStorage', function () {
  let url = '';
  before(async function () {
    url = await requireRedis(this);
  });

  storageConformance('RedisStorage', async () => {
    const redis = new RedisTestClients(url);
    return {
      storage: new RedisStorage(await redis.connect(), redis.prefix),
      other: new RedisStorage(await redis.connect(), redis.prefix),
      close: () => redis.cleanup(),
    };
  });

  describe('key prefix', () => {
    let redis: RedisTestClients;
    beforeEach(() => {
      redis = new RedisTestClients(url);
    });
    afterEach(async () => redis.cleanup());

    it('keeps every key under its prefix, apart from stores with another prefix', async () => {
      const client = await redis.connect();
      const mine = new RedisStorage(client, redis.prefix);
      const neighbour = new RedisStorage(client, `${redis.prefix}other:`);
      await mine.write({ 'user/1': { name: 'Ana' } });
      expect(await redis.keys()).to.deep.equal([`${redis.prefix}state:user/1`]);
      expect(await neighbour.read(['user/1'])).to.deep.equal({});
      await neighbour.delete(['user/1']);
      expect(await mine.read(['user/1'])).to.have.nested.property('user/1.name', 'Ana');
    });
  });
});
