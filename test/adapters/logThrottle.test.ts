import { expect } from 'chai';
import sinon from 'sinon';
import { LogThrottle } from '../../adapters/logThrottle';
import { LogCapture } from '../storage/logCapture';

/** What an operator reads: each warning's message and how many were left out. */
const lines = (logs: LogCapture): string[] => logs.entries.map((e) => `${e.msg ?? ''}${e.suppressed === undefined ? '' : ` [${String(e.suppressed)}]`}`);

describe('LogThrottle', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.restore());

  it('logs the first warning at once, then one line per interval with how many were left out', () => {
    const logs = new LogCapture();
    const throttle = new LogThrottle(logs.logger, { intervalMs: 60_000 });
    for (let i = 0; i < 9307; i += 1) throttle.warn({ ip: '127.0.0.1' }, 'API request refused');
    expect(lines(logs)).to.deep.equal(['API request refused']);
    expect(logs.entries[0]).to.include({ level: 40, ip: '127.0.0.1' });

    clock.tick(60_000);
    expect(lines(logs)).to.deep.equal(['API request refused', 'API request refused (9306 more like it left out of the log) [9306]']);
    expect(logs.entries[1]).to.include({ level: 40, intervalSeconds: 60 });

    // The flood goes on: still one line a minute.
    for (let i = 0; i < 500; i += 1) throttle.warn({}, 'API request refused');
    clock.tick(30_000);
    expect(logs.entries).to.have.length(2);
    clock.tick(30_000);
    expect(lines(logs).at(-1)).to.equal('API request refused (500 more like it left out of the log) [500]');
  });

  it('logs a warning at once again after a quiet interval, and says nothing when nothing was left out', () => {
    const logs = new LogCapture();
    const throttle = new LogThrottle(logs.logger, { intervalMs: 1000 });
    throttle.warn({}, 'refused');
    clock.tick(5000);
    throttle.warn({}, 'refused');
    expect(lines(logs)).to.deep.equal(['refused', 'refused']);
  });

  it('throttles each reason on its own', () => {
    const logs = new LogCapture();
    const throttle = new LogThrottle(logs.logger, { intervalMs: 1000 });
    for (let i = 0; i < 3; i += 1) {
      throttle.warn({}, 'API request refused: no valid access code');
      throttle.warn({ userId: 'agent-li' }, 'refused an agent user id without the agent access code');
    }
    clock.tick(1000);
    expect(lines(logs)).to.deep.equal([
      'API request refused: no valid access code',
      'refused an agent user id without the agent access code',
      'API request refused: no valid access code (2 more like it left out of the log) [2]',
      'refused an agent user id without the agent access code (2 more like it left out of the log) [2]',
    ]);
    expect(logs.entries[3]).to.include({ userId: 'agent-li' });
  });

  it('refuses a missing logger or an interval that is not positive', () => {
    expect(() => new LogThrottle(undefined as never)).to.throw(TypeError);
    expect(() => new LogThrottle(new LogCapture().logger, { intervalMs: 0 })).to.throw(RangeError);
    expect(() => new LogThrottle(new LogCapture().logger, { intervalMs: Number.NaN })).to.throw(RangeError);
  });
});
