import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { LocalDirectLine } from '../../../adapters/directLine/localDirectLine';
import { silentLogger } from '../../../logger';

/** Proactive messages to a local Direct Line customer leave from the instance sending them. */
describe('LocalDirectLine.localReference', () => {
  const directLine = new LocalDirectLine({
    secret: 'test-secret-0123456789abcdef',
    tokenTtlSeconds: 60,
    internalBaseUrl: () => 'http://127.0.0.1:4100',
    publicBaseUrl: () => 'http://localhost:4100',
    storage: new MemoryStorage(),
    logger: silentLogger(),
    maxMessageChars: 2000,
  });

  it('points another instance’s local connector address at this instance’s connector', () => {
    for (const serviceUrl of ['http://127.0.0.1:4200/directline-connector/', 'http://localhost:39999/directline-connector', 'http://[::1]:4300/directline-connector/']) {
      const reference = { serviceUrl, conversation: { id: 'c-1' }, channelId: 'directline' };
      expect(directLine.localReference(reference)).to.deep.equal({ ...reference, serviceUrl: 'http://127.0.0.1:4100/directline-connector/' });
    }
  });

  it('leaves every other address alone: real channels, other paths, other hosts', () => {
    for (const serviceUrl of ['https://smba.trafficmanager.net/emea/', 'http://127.0.0.1:4200/api/messages', 'http://10.0.0.5:4200/directline-connector/', 'http://127.0.0.1:4200/directline-connector/x']) {
      const reference = { serviceUrl, conversation: { id: 'c-1' } };
      expect(directLine.localReference(reference)).to.equal(reference);
    }
    const none: { serviceUrl?: string; conversation: { id: string } } = { conversation: { id: 'c-1' } };
    expect(directLine.localReference(none)).to.equal(none);
  });
});
