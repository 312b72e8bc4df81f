import { expect } from 'chai';
import { SignInLimiter, addressSubject, nameSubject } from '../../accounts/signInLimiter';
import { MemoryStorage } from '../../storage/memoryStorage';

describe('SignInLimiter', () => {
  it('closes a subject after 5 failures within 15 minutes, until the oldest leaves the window', async () => {
    let clock = 0;
    const limiter = new SignInLimiter(new MemoryStorage(), { maxFailures: 5, windowMs: 15 * 60_000 }, () => new Date(clock));
    const subjects = [nameSubject('alice'), addressSubject('10.0.0.1')];
    for (let i = 0; i < 4; i += 1) {
      await limiter.recordFailure(subjects);
      clock += 60_000;
    }
    expect(await limiter.retryAfterSeconds(subjects)).to.equal(0);
    await limiter.recordFailure(subjects);
    expect(await limiter.retryAfterSeconds(subjects)).to.equal(11 * 60);
    expect(await limiter.retryAfterSeconds([nameSubject('bob')])).to.equal(0);
    clock = 15 * 60_000;
    expect(await limiter.retryAfterSeconds(subjects)).to.equal(0);
  });

  it('counts failures from two instances at once without losing any', async () => {
    const storage = new MemoryStorage();
    const limiters = [new SignInLimiter(storage), new SignInLimiter(storage)];
    await Promise.all(Array.from({ length: 5 }, (_, i) => limiters[i % 2]!.recordFailure([nameSubject('alice')])));
    expect(await limiters[0]!.retryAfterSeconds([nameSubject('alice')])).to.be.greaterThan(0);
  });

  it('forgets a user name’s failures after a sign-in, but not the address’s', async () => {
    const limiter = new SignInLimiter(new MemoryStorage(), { maxFailures: 2, windowMs: 60_000 });
    await limiter.recordFailure([nameSubject('alice'), addressSubject('10.0.0.1')]);
    await limiter.recordFailure([nameSubject('alice'), addressSubject('10.0.0.1')]);
    await limiter.clear(nameSubject('alice'));
    expect(await limiter.retryAfterSeconds([nameSubject('alice')])).to.equal(0);
    expect(await limiter.retryAfterSeconds([addressSubject('10.0.0.1')])).to.be.greaterThan(0);
  });
});
