import { MemoryTranscriptStore } from '../../storage/memoryTranscriptStore';
import { transcriptConformance } from './transcriptConformance';

describe('MemoryTranscriptStore', () => {
  transcriptConformance('MemoryTranscriptStore', async (now) => ({ archive: new MemoryTranscriptStore(now), close: async () => undefined }));
});
