import { expect } from 'chai';
import { numberedPlaceholders, openPostgresAnalytics } from '../../analytics/postgresAnalyticsStore';
import { requirePostgres } from '../support/postgres';
import type { TestDatabase } from '../support/postgres';
import { analyticsStoreConformance } from './analyticsStoreConformance';

describe('PostgreSQL analytics store', () => {
  it('numbers the placeholders', () => {
    expect(numberedPlaceholders('a = ? AND b IN (?, ?)')).to.equal('a = $1 AND b IN ($2, $3)');
  });

  describe('against a server', function () {
    let database: TestDatabase;
    before(async function () {
      this.timeout(20_000);
      database = await requirePostgres(this);
    });
    after(async () => {
      await database?.drop();
    });
    beforeEach(async function () {
      // Each test starts on an empty table.
      const store = await openPostgresAnalytics(database.url);
      await store.purgeOlderThan(new Date('2100-01-01T00:00:00.000Z'));
      await store.close();
      void this;
    });
    analyticsStoreConformance(() => openPostgresAnalytics(database.url));
  });
});
