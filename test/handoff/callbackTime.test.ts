import { expect } from 'chai';
import fc from 'fast-check';
import { callbackHorizonDays, callbackTimeZone, formatCallbackTime, isValidTimeZone, parseCallbackTime } from '../../handoff/callbackTime';
import type { CallbackTimeResult } from '../../handoff/callbackTime';
import type { SupportedLocale } from '../../locale/locale';

/** Monday 23 November 2026, 10:30 in London (GMT), 18:30 in Shanghai, 05:30 in New York. */
const now = new Date('2026-11-23T10:30:00Z');

const at = (text: string, locale: SupportedLocale = 'en-US', timeZone = 'Europe/London', when = now): string | CallbackTimeResult => {
  const result = parseCallbackTime(text, locale, when, timeZone);
  return result.ok ? result.at.toISOString() : result;
};

describe('parseCallbackTime', () => {
  it('reads a day and a time in English and Chinese', () => {
    expect(at('tomorrow at 3pm')).to.equal('2026-11-24T15:00:00.000Z');
    expect(at('明天下午三点', 'zh-CN')).to.equal('2026-11-24T15:00:00.000Z');
    expect(at('Friday 10am')).to.equal('2026-11-27T10:00:00.000Z');
    expect(at('11月25日上午10点', 'zh-CN')).to.equal('2026-11-25T10:00:00.000Z');
  });

  it('reads "in 2 hours" from now', () => {
    expect(at('in 2 hours')).to.equal('2026-11-23T12:30:00.000Z');
    expect(at('两个小时以后', 'zh-CN')).to.equal('2026-11-23T12:30:00.000Z');
  });

  it('takes a bare time as the next one', () => {
    expect(at('3pm')).to.equal('2026-11-23T15:00:00.000Z');
    expect(at('9am')).to.equal('2026-11-24T09:00:00.000Z');
    expect(at('下午3点', 'zh-CN', 'Asia/Shanghai')).to.equal('2026-11-24T07:00:00.000Z');
  });

  it('takes the start of a range, or the next quarter hour of one already begun', () => {
    expect(at('between 3 and 5pm tomorrow')).to.equal('2026-11-24T15:00:00.000Z');
    expect(at('明天下午三点到五点', 'zh-CN')).to.equal('2026-11-24T15:00:00.000Z');
    expect(at('this afternoon', 'en-US', 'Europe/London', new Date('2026-11-23T13:05:00Z'))).to.equal('2026-11-23T13:15:00.000Z');
  });

  it('prefers the daytime reading of an ambiguous hour', () => {
    expect(at('明天3点', 'zh-CN')).to.equal('2026-11-24T15:00:00.000Z');
    expect(at('call me at 4')).to.equal('2026-11-23T16:00:00.000Z');
  });

  it('reads the time on the customer\'s own clock', () => {
    expect(at('tomorrow at 3pm', 'en-US', 'Asia/Shanghai')).to.equal('2026-11-24T07:00:00.000Z');
    expect(at('tomorrow at 3pm', 'en-US', 'America/New_York')).to.equal('2026-11-24T20:00:00.000Z');
    // 18:30 in Shanghai: "today at 3pm" has passed there but not in London.
    expect(at('today at 3pm', 'en-US', 'Asia/Shanghai')).to.deep.equal({ ok: false, why: 'past' });
  });

  it('does not depend on the server\'s own time zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Pacific/Auckland';
    // 12:30 in London is already 01:30 the next day in Auckland.
    const noon = new Date('2026-11-23T12:30:00Z');
    try {
      expect(at('tomorrow at 3pm', 'en-US', 'Europe/London', noon)).to.equal('2026-11-24T15:00:00.000Z');
      expect(at('明天下午三点', 'zh-CN', 'America/New_York', noon)).to.equal('2026-11-24T20:00:00.000Z');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('handles the clocks changing: a skipped time moves forward, a repeated one is the first', () => {
    // London springs forward at 01:00 GMT on 29 March 2026 and falls back at 01:00 GMT on 25 October 2026.
    expect(at('tomorrow at 1:30am', 'en-US', 'Europe/London', new Date('2026-03-28T12:00:00Z'))).to.equal('2026-03-29T01:30:00.000Z');
    expect(at('tomorrow at 3pm', 'en-US', 'Europe/London', new Date('2026-03-28T12:00:00Z'))).to.equal('2026-03-29T14:00:00.000Z');
    expect(at('tomorrow at 1:30am', 'en-US', 'Europe/London', new Date('2026-10-24T12:00:00Z'))).to.equal('2026-10-25T00:30:00.000Z');
  });

  it('needs a time of day', () => {
    expect(at('tomorrow')).to.deep.equal({ ok: false, why: 'not-understood' });
    expect(at('明天', 'zh-CN')).to.deep.equal({ ok: false, why: 'not-understood' });
    expect(at('next month at 10am')).to.deep.equal({ ok: false, why: 'not-understood' });
    expect(at('whenever suits you')).to.deep.equal({ ok: false, why: 'not-understood' });
  });

  it('refuses a time in the past', () => {
    expect(at('yesterday at 3pm')).to.deep.equal({ ok: false, why: 'past' });
    expect(at('昨天下午三点', 'zh-CN')).to.deep.equal({ ok: false, why: 'past' });
  });

  it(`refuses a time more than ${callbackHorizonDays} days ahead`, () => {
    expect(at('December 7 at 10am')).to.equal('2026-12-07T10:00:00.000Z');
    expect(at('December 8 at 10am')).to.deep.equal({ ok: false, why: 'too-far' });
    expect(at('12月25日下午3点', 'zh-CN')).to.deep.equal({ ok: false, why: 'too-far' });
  });

  it('refuses a time zone it does not know', () => {
    expect(isValidTimeZone('Mars/Olympus_Mons')).to.equal(false);
    expect(isValidTimeZone('Asia/Shanghai')).to.equal(true);
    expect(() => parseCallbackTime('tomorrow at 3pm', 'en-US', now, 'Mars/Olympus_Mons')).to.throw(RangeError);
  });

  it('uses the customer\'s zone when the channel sends a real one, else the fallback', () => {
    expect(callbackTimeZone('Asia/Shanghai', 'Europe/London')).to.equal('Asia/Shanghai');
    expect(callbackTimeZone('Mars/Olympus_Mons', 'Europe/London')).to.equal('Europe/London');
    expect(callbackTimeZone(undefined, 'Europe/London')).to.equal('Europe/London');
  });

  it('reads "tomorrow at 3pm" as 15:00 on the next local day, whenever and wherever it is said', () => {
    const zones = ['Europe/London', 'Asia/Shanghai', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) }), fc.constantFrom(...zones), (ms, zone) => {
        const when = new Date(ms);
        const result = parseCallbackTime('tomorrow at 3pm', 'en-US', when, zone);
        if (!result.ok) return false;
        const day = (d: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
        const tomorrow = new Date(`${day(when)}T12:00:00Z`);
        tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
        return day(result.at) === tomorrow.toISOString().slice(0, 10) && formatCallbackTime(result.at, 'en-US', zone).includes(', 15:00 (');
      }),
      { numRuns: 60 },
    );
  });
});

describe('formatCallbackTime', () => {
  it('says the time in the customer\'s language and zone', () => {
    const when = new Date('2026-11-24T15:00:00Z');
    expect(formatCallbackTime(when, 'en-US', 'Europe/London')).to.equal('Tuesday 24 November, 15:00 (Europe/London time)');
    expect(formatCallbackTime(when, 'zh-CN', 'Europe/London')).to.equal('11月24日 星期二 15:00（Europe/London 时间）');
    expect(formatCallbackTime(when, 'en-US', 'Asia/Shanghai')).to.equal('Tuesday 24 November, 23:00 (Asia/Shanghai time)');
  });
});
