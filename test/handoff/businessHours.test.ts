import { expect } from 'chai';
import fc from 'fast-check';
import { isOpen, nextOpening } from '../../handoff/businessHours';
import type { OpeningHours, TimeRange, Weekday } from '../../handoff/routing';

const officeDay: readonly TimeRange[] = [{ start: '09:00', end: '17:00' }];

function hours(timeZone: string, weekly: Partial<Record<Weekday, readonly TimeRange[]>>, holidays: readonly string[] = []): OpeningHours {
  return { timeZone, always: false, weekly, holidays };
}

/** Monday to Friday 09:00–17:00 in London, closed on two bank holidays. */
const london = hours('Europe/London', { mon: officeDay, tue: officeDay, wed: officeDay, thu: officeDay, fri: officeDay }, ['2026-12-25', '2026-12-28']);

const at = (iso: string): Date => new Date(iso);

/** What a London wall clock shows at `date`, e.g. "Mon 09:00". */
function londonClock(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

describe('business hours', () => {
  describe('London office hours', () => {
    it('opens at 09:00 and closes at 17:00 in winter (GMT)', () => {
      expect(isOpen(london, at('2026-01-12T08:59:59Z'))).to.equal(false);
      expect(isOpen(london, at('2026-01-12T09:00:00Z'))).to.equal(true);
      expect(isOpen(london, at('2026-01-12T16:59:59Z'))).to.equal(true);
      expect(isOpen(london, at('2026-01-12T17:00:00Z'))).to.equal(false);
    });

    it('opens at 09:00 London time in summer (BST), which is 08:00 UTC', () => {
      expect(isOpen(london, at('2026-07-13T07:59:00Z'))).to.equal(false);
      expect(isOpen(london, at('2026-07-13T08:00:00Z'))).to.equal(true);
      expect(isOpen(london, at('2026-07-13T15:59:00Z'))).to.equal(true);
      expect(isOpen(london, at('2026-07-13T16:00:00Z'))).to.equal(false);
    });

    it('is closed at the weekend', () => {
      expect(isOpen(london, at('2026-01-10T12:00:00Z'))).to.equal(false);
      expect(isOpen(london, at('2026-01-11T12:00:00Z'))).to.equal(false);
    });

    it('on a Friday evening, next opens on Monday at 09:00 London time', () => {
      const next = nextOpening(london, at('2026-01-16T18:30:00Z'));
      expect(next?.toISOString()).to.equal('2026-01-19T09:00:00.000Z');
      expect(londonClock(next ?? new Date(0))).to.equal('Mon 09:00');
    });

    it('across the March clock change, Friday evening in GMT opens on Monday 09:00 BST', () => {
      // Clocks go forward on Sunday 29 March 2026.
      expect(nextOpening(london, at('2026-03-27T17:30:00Z'))?.toISOString()).to.equal('2026-03-30T08:00:00.000Z');
    });

    it('across the October clock change, Friday evening in BST opens on Monday 09:00 GMT', () => {
      // Clocks go back on Sunday 25 October 2026.
      expect(nextOpening(london, at('2026-10-23T17:00:00Z'))?.toISOString()).to.equal('2026-10-26T09:00:00.000Z');
    });

    it('before opening on a weekday, next opens at 09:00 the same day', () => {
      expect(nextOpening(london, at('2026-07-15T05:00:00Z'))?.toISOString()).to.equal('2026-07-15T08:00:00.000Z');
    });

    it('while open, the next opening is the following working morning', () => {
      expect(nextOpening(london, at('2026-01-14T11:00:00Z'))?.toISOString()).to.equal('2026-01-15T09:00:00.000Z');
    });

    it('from any moment, the next opening is a weekday 09:00 in London within four days', () => {
      const from = Date.parse('2026-01-01T00:00:00Z');
      const to = Date.parse('2027-12-31T00:00:00Z');
      fc.assert(
        fc.property(fc.integer({ min: from, max: to }), (ms) => {
          const next = nextOpening(london, new Date(ms));
          expect(next).to.be.instanceOf(Date);
          const time = next?.getTime() ?? 0;
          expect(time).to.be.greaterThan(ms).and.at.most(ms + 5 * 24 * 3_600_000);
          expect(londonClock(next ?? new Date(0))).to.match(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);
          expect(isOpen(london, new Date(time))).to.equal(true);
          expect(isOpen(london, new Date(time - 60_000))).to.equal(false);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('holidays', () => {
    it('close the whole local day', () => {
      expect(isOpen(london, at('2026-12-25T10:00:00Z'))).to.equal(false);
      expect(isOpen(london, at('2026-12-24T10:00:00Z'))).to.equal(true);
    });

    it('are skipped when telling the customer when we open', () => {
      // Christmas Day (Fri) and the Boxing Day substitute (Mon 28th) are closed.
      expect(nextOpening(london, at('2026-12-24T17:30:00Z'))?.toISOString()).to.equal('2026-12-29T09:00:00.000Z');
    });

    it('follow the local date, not the UTC date', () => {
      const shanghai = hours('Asia/Shanghai', { fri: [{ start: '00:00', end: '24:00' }] }, ['2026-01-02']);
      // 2026-01-01 20:00 UTC is Friday 2 January 04:00 in Shanghai: a holiday there.
      expect(isOpen(shanghai, at('2026-01-01T20:00:00Z'))).to.equal(false);
      expect(isOpen(shanghai, at('2026-01-08T20:00:00Z'))).to.equal(true);
    });
  });

  describe('Shanghai', () => {
    const weekdays = hours('Asia/Shanghai', { mon: [{ start: '09:00', end: '18:00' }], tue: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }] });

    it('opens at 09:00 China Standard Time, which is 01:00 UTC', () => {
      expect(isOpen(weekdays, at('2026-01-12T00:59:00Z'))).to.equal(false);
      expect(isOpen(weekdays, at('2026-01-12T01:00:00Z'))).to.equal(true);
      expect(isOpen(weekdays, at('2026-01-12T09:59:00Z'))).to.equal(true);
      expect(isOpen(weekdays, at('2026-01-12T10:00:00Z'))).to.equal(false);
    });

    it('reads the weekday on the local clock: Sunday evening in UTC is Monday morning in Shanghai', () => {
      const mondays = hours('Asia/Shanghai', { mon: [{ start: '00:00', end: '12:00' }] });
      expect(isOpen(mondays, at('2026-01-11T22:00:00Z'))).to.equal(true);
      expect(isOpen(mondays, at('2026-01-12T22:00:00Z'))).to.equal(false);
    });

    it('closes over lunch and reopens at 13:00', () => {
      expect(isOpen(weekdays, at('2026-01-13T04:30:00Z'))).to.equal(false);
      expect(nextOpening(weekdays, at('2026-01-13T04:30:00Z'))?.toISOString()).to.equal('2026-01-13T05:00:00.000Z');
    });
  });

  describe('a span ending at 24:00', () => {
    const evenings = hours('Europe/London', { sat: [{ start: '18:00', end: '24:00' }], sun: [{ start: '00:00', end: '02:00' }] });

    it('stays open until midnight', () => {
      expect(isOpen(evenings, at('2026-01-10T23:59:00Z'))).to.equal(true);
      expect(isOpen(evenings, at('2026-01-11T01:59:00Z'))).to.equal(true);
      expect(isOpen(evenings, at('2026-01-11T02:00:00Z'))).to.equal(false);
    });

    it('does not count midnight as an opening when the night continues into the next day', () => {
      expect(nextOpening(evenings, at('2026-01-10T19:00:00Z'))?.toISOString()).to.equal('2026-01-17T18:00:00.000Z');
    });
  });

  describe('an opening time the clock change skips or repeats', () => {
    it('opens when the clocks jump past it in spring', () => {
      // New York clocks jump from 02:00 EST to 03:00 EDT on Sunday 8 March 2026 (07:00 UTC): 02:30 never happens.
      const earlySunday = hours('America/New_York', { sun: [{ start: '02:30', end: '04:00' }] });
      expect(nextOpening(earlySunday, at('2026-03-07T17:00:00Z'))?.toISOString()).to.equal('2026-03-08T07:00:00.000Z');
      expect(isOpen(earlySunday, at('2026-03-08T07:00:00Z'))).to.equal(true);
    });

    it('opens the first time it happens in autumn', () => {
      // London clocks go back from 02:00 BST to 01:00 GMT on Sunday 25 October 2026: 01:30 happens twice.
      const earlySunday = hours('Europe/London', { sun: [{ start: '01:30', end: '03:00' }] });
      expect(nextOpening(earlySunday, at('2026-10-24T12:00:00Z'))?.toISOString()).to.equal('2026-10-25T00:30:00.000Z');
    });
  });

  it('a queue staffed around the clock is always open and has no next opening', () => {
    const always: OpeningHours = { timeZone: 'UTC', always: true, weekly: {}, holidays: [] };
    expect(isOpen(always, at('2026-12-25T03:00:00Z'))).to.equal(true);
    expect(nextOpening(always, at('2026-12-25T03:00:00Z'))).to.equal(undefined);
  });

  it('has no next opening when the queue does not open within 14 days', () => {
    const mondays = hours('Europe/London', { mon: officeDay }, ['2026-01-12', '2026-01-19', '2026-01-26']);
    expect(nextOpening(mondays, at('2026-01-10T12:00:00Z'))).to.equal(undefined);
    expect(nextOpening(mondays, at('2026-01-20T12:00:00Z'))?.toISOString()).to.equal('2026-02-02T09:00:00.000Z');
  });
});
