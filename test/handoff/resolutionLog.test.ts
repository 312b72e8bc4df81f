import { expect } from 'chai';
import { ResolutionLog, untopical } from '../../handoff/resolutionLog';
import type { ResolutionFact, TopicOutcomes } from '../../handoff/resolutionLog';
import { MemoryStorage } from '../../storage/memoryStorage';
import type { MemoryStorageEntry } from '../../storage/memoryStorage';

const at = (minute: number): string => new Date(Date.UTC(2026, 10, 23, 9, minute)).toISOString();

/** Counters for `topic` with the given counts and nothing else. */
function outcomes(topic: string, counts: Partial<Omit<TopicOutcomes, 'topic'>>): TopicOutcomes {
  return { topic, resolvedByBot: 0, notResolvedByBot: 0, resolvedByAgent: 0, notResolvedByAgent: 0, csatCount: 0, csatSum: 0, csatScores: [0, 0, 0, 0, 0], lastAt: at(0), ...counts };
}

describe('ResolutionLog', () => {
  it('counts resolution answers and CSAT per topic', async () => {
    const log = new ResolutionLog(new MemoryStorage());
    await log.record({ at: at(1), resolved: true, how: 'bot', topic: 'delivery' });
    await log.record({ at: at(2), resolved: false, how: 'bot', topic: 'delivery' });
    await log.record({ at: at(3), resolved: true, how: 'agent', topic: 'delivery' });
    await log.record({ at: at(4), resolved: true, how: 'agent', topic: 'delivery', csat: 4 });
    await log.record({ at: at(5), resolved: false, how: 'agent', topic: 'refunds' });
    await log.record({ at: at(6), resolved: true, how: 'bot' });
    expect(await log.topics(['delivery', 'refunds', untopical, 'never-asked'])).to.deep.equal([
      outcomes('delivery', { resolvedByBot: 1, notResolvedByBot: 1, resolvedByAgent: 1, csatCount: 1, csatSum: 4, csatScores: [0, 0, 0, 1, 0], lastAt: at(4) }),
      outcomes('refunds', { notResolvedByAgent: 1, lastAt: at(5) }),
      outcomes(untopical, { resolvedByBot: 1, lastAt: at(6) }),
    ]);
  });

  it('refuses a CSAT outside 1 to 5 and counts nothing for it', async () => {
    const log = new ResolutionLog(new MemoryStorage());
    for (const csat of [0, 6, 3.5, Number.NaN]) {
      const error = await log.record({ at: at(1), resolved: true, how: 'agent', topic: 'delivery', csat }).catch((e: unknown) => e);
      expect(error, `CSAT ${csat}`).to.be.instanceOf(RangeError);
    }
    expect(await log.topics(['delivery'])).to.deep.equal([]);
    await log.record({ at: at(2), resolved: true, how: 'agent', topic: 'delivery', csat: 1 });
    await log.record({ at: at(3), resolved: true, how: 'agent', topic: 'delivery', csat: 5 });
    expect((await log.topics(['delivery']))[0]).to.deep.include({ csatCount: 2, csatSum: 6, csatScores: [1, 0, 0, 0, 1] });
  });

  it('loses no count when 20 answers for one new topic are recorded at once by two instances', async () => {
    const entries = new Map<string, MemoryStorageEntry>();
    const logs = [new ResolutionLog(new MemoryStorage(entries)), new ResolutionLog(new MemoryStorage(entries))];
    const facts: ResolutionFact[] = [
      ...Array.from({ length: 6 }, (): ResolutionFact => ({ at: at(1), resolved: true, how: 'bot', topic: 'delivery' })),
      ...Array.from({ length: 3 }, (): ResolutionFact => ({ at: at(1), resolved: false, how: 'bot', topic: 'delivery' })),
      ...Array.from({ length: 4 }, (): ResolutionFact => ({ at: at(1), resolved: true, how: 'agent', topic: 'delivery' })),
      ...Array.from({ length: 2 }, (): ResolutionFact => ({ at: at(1), resolved: false, how: 'agent', topic: 'delivery' })),
      ...[5, 4, 4, 2, 1].map((csat): ResolutionFact => ({ at: at(1), resolved: true, how: 'agent', topic: 'delivery', csat })),
    ];
    expect(facts).to.have.length(20);
    await Promise.all(facts.map((fact, i) => logs[i % 2]?.record(fact)));
    expect(await logs[0]?.topics(['delivery'])).to.deep.equal([
      outcomes('delivery', { resolvedByBot: 6, notResolvedByBot: 3, resolvedByAgent: 4, notResolvedByAgent: 2, csatCount: 5, csatSum: 16, csatScores: [1, 1, 0, 2, 1], lastAt: at(1) }),
    ]);
  });

  it('keeps topics apart when they are recorded at once', async () => {
    const log = new ResolutionLog(new MemoryStorage());
    const topics = ['delivery', 'refunds', 'returns', 'warranty'];
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.record({ at: at(1), resolved: true, how: 'bot', topic: topics[i % topics.length] ?? 'delivery' })));
    const counted = await log.topics(topics);
    expect(counted.map((t) => [t.topic, t.resolvedByBot])).to.deep.equal(topics.map((t) => [t, 5]));
  });
});
