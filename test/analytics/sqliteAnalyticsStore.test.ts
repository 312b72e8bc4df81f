import { openSqliteDatabase } from '../../storage/sqliteDatabase';
import { sqliteAnalyticsStore } from '../../analytics/sqliteAnalyticsStore';
import { analyticsStoreConformance } from './analyticsStoreConformance';

describe('SQLite analytics store', () => {
  analyticsStoreConformance(async () => sqliteAnalyticsStore(openSqliteDatabase(':memory:'), true));
});
