import { expect } from 'chai';
import sinon from 'sinon';
import type { Logger } from 'pino';
import { StreamPresence } from '../../../adapters/directLine/streamPresence';
import { silentLogger } from '../../../logger';

describe('StreamPresence', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => clock.restore());

  function watch(graceMs = 1000) {
    const reports: Array<[string, boolean]> = [];
    const presence = new StreamPresence({ graceMs, listener: (id, present) => void reports.push([id, present]), log: silentLogger() });
    return { presence, reports };
  }

  it('reports nothing for a reload (a stream opens again within the grace period)', async () => {
    const { presence, reports } = watch();
    presence.opened('c1');
    presence.closed('c1');
    await clock.tickAsync(900);
    presence.opened('c1');
    await clock.tickAsync(5000);
    expect(reports).to.deep.equal([]);
  });

  it('reports a conversation gone once its last stream stayed closed for the grace period, and back when one opens', async () => {
    const { presence, reports } = watch();
    presence.opened('c1');
    presence.opened('c1');
    presence.closed('c1');
    await clock.tickAsync(5000);
    expect(reports).to.deep.equal([]);
    presence.closed('c1');
    await clock.tickAsync(999);
    expect(reports).to.deep.equal([]);
    await clock.tickAsync(1);
    expect(reports).to.deep.equal([['c1', false]]);
    presence.opened('c1');
    await clock.tickAsync(0);
    expect(reports).to.deep.equal([['c1', false], ['c1', true]]);
  });

  it('does not report a page gone that reconnected to another instance, and reports it back when this instance had said it was gone', async () => {
    const { presence, reports } = watch();
    presence.opened('c1');
    presence.closed('c1');
    await clock.tickAsync(500);
    presence.openedElsewhere('c1');
    await clock.tickAsync(5000);
    expect(reports).to.deep.equal([]);
    presence.opened('c2');
    presence.closed('c2');
    await clock.tickAsync(1000);
    presence.openedElsewhere('c2');
    await clock.tickAsync(0);
    expect(reports).to.deep.equal([['c2', false], ['c2', true]]);
    presence.openedElsewhere('c3');
    await clock.tickAsync(0);
    expect(reports).to.have.length(2);
  });

  it('says nothing once stopped (the server shutting down closes every stream)', async () => {
    const { presence, reports } = watch();
    presence.opened('c1');
    presence.stop();
    presence.closed('c1');
    await clock.tickAsync(5000);
    expect(reports).to.deep.equal([]);
  });

  it('logs a listener that fails instead of throwing', async () => {
    const warn = sinon.spy();
    const presence = new StreamPresence({ graceMs: 10, listener: () => Promise.reject(new Error('store down')), log: { warn } as unknown as Logger });
    presence.opened('c1');
    presence.closed('c1');
    await clock.tickAsync(20);
    expect(warn.calledOnce).to.equal(true);
    expect(warn.firstCall.args[0]).to.deep.include({ conversationId: 'c1', present: false });
  });

  it('refuses a grace period that is not positive', () => {
    expect(() => new StreamPresence({ graceMs: 0, listener: () => undefined, log: silentLogger() })).to.throw(TypeError);
  });
});
