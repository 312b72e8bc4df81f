import { MemoryStorage } from '../../storage/memoryStorage';
import type { MemoryStorageEntry } from '../../storage/memoryStorage';
import { storageConformance } from './storageConformance';

describe('MemoryStorage', () => {
  storageConformance('MemoryStorage', async () => {
    const shared = new Map<string, MemoryStorageEntry>();
    return { storage: new MemoryStorage(shared), other: new MemoryStorage(shared), close: async () => undefined };
  });
});
