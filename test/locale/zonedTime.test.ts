import { expect } from 'chai';
import fc from 'fast-check';
import { instantOf, isValidTimeZone, wallClock, wallClockAsUtc } from '../../locale/zonedTime';
import type { WallClock, ZonedTimePolicy } from '../../locale/zonedTime';

const first: ZonedTimePolicy = { gap: 'shift', overlap: 'earlier' };
const second: ZonedTimePolicy = { gap: 'transition', overlap: 'later' };

/** A local time written "2026-03-29 01:30". */
function local(text: string): WallClock {
  const [date = '', time = ''] = text.split(' ');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, sec = 0] = time.split(':').map(Number) as [number, number, number?];
  return { year, month, day, hour, minute, second: sec };
}

const iso = (instant: number): string => new Date(instant).toISOString();

describe('zoned time', () => {
  describe('wallClock', () => {
    it('reads London in winter (GMT) and in summer (BST)', () => {
      expect(wallClock('Europe/London', new Date('2026-01-12T09:00:00Z'))).to.deep.equal(local('2026-01-12 09:00'));
      expect(wallClock('Europe/London', new Date('2026-07-13T08:00:00Z'))).to.deep.equal(local('2026-07-13 09:00'));
    });

    it('reads the local date, not the UTC one: 20:00 UTC is 04:00 the next day in Shanghai', () => {
      expect(wallClock('Asia/Shanghai', Date.parse('2026-01-01T20:00:00Z'))).to.deep.equal(local('2026-01-02 04:00'));
    });

    it('shows midnight as 00, not 24, and keeps the seconds', () => {
      expect(wallClock('America/New_York', Date.parse('2026-01-12T05:00:07.900Z'))).to.deep.equal(local('2026-01-12 00:00:07'));
    });

    it('refuses a zone it does not know', () => {
      expect(() => wallClock('Mars/Olympus_Mons', 0)).to.throw(RangeError);
    });
  });

  describe('instantOf', () => {
    it('finds an ordinary local time in a zone without clock changes', () => {
      expect(iso(instantOf('Asia/Shanghai', local('2026-01-02 04:00'), first))).to.equal('2026-01-01T20:00:00.000Z');
      expect(iso(instantOf('Asia/Shanghai', local('2026-07-01 09:00'), second))).to.equal('2026-07-01T01:00:00.000Z');
    });

    it('rolls over fields out of range: the day after 31 December is 1 January', () => {
      expect(iso(instantOf('Asia/Shanghai', { ...local('2026-12-31 15:00'), day: 32 }, first))).to.equal('2027-01-01T07:00:00.000Z');
      expect(iso(instantOf('Europe/London', { ...local('2026-07-13 00:00'), minute: 9 * 60 }, first))).to.equal('2026-07-13T08:00:00.000Z');
    });

    /** The instants a local time names in `zone`, read with `first` and with `second`. */
    const readings = (zone: string, text: string): [string, string] => [iso(instantOf(zone, local(text), first)), iso(instantOf(zone, local(text), second))];

    describe('a time the clocks skip in spring', () => {
      it('London 01:30 on 29 March 2026: an hour later (02:30 BST), or the jump itself (02:00 BST)', () => {
        expect(readings('Europe/London', '2026-03-29 01:30')).to.deep.equal(['2026-03-29T01:30:00.000Z', '2026-03-29T01:00:00.000Z']);
      });

      it('New York 02:30 on 8 March 2026: an hour later (03:30 EDT), or the jump itself (03:00 EDT)', () => {
        expect(readings('America/New_York', '2026-03-08 02:30')).to.deep.equal(['2026-03-08T07:30:00.000Z', '2026-03-08T07:00:00.000Z']);
        expect(wallClock('America/New_York', instantOf('America/New_York', local('2026-03-08 02:30'), second))).to.deep.equal(local('2026-03-08 03:00'));
      });

      it('leaves the times either side of the gap alone', () => {
        expect(readings('America/New_York', '2026-03-08 01:59')).to.deep.equal(['2026-03-08T06:59:00.000Z', '2026-03-08T06:59:00.000Z']);
        expect(readings('America/New_York', '2026-03-08 03:00')).to.deep.equal(['2026-03-08T07:00:00.000Z', '2026-03-08T07:00:00.000Z']);
      });
    });

    describe('a time the clocks show twice in autumn', () => {
      it('London 01:30 on 25 October 2026: first in BST, then in GMT', () => {
        expect(readings('Europe/London', '2026-10-25 01:30')).to.deep.equal(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
      });

      it('New York 01:30 on 1 November 2026: first in EDT, then in EST', () => {
        expect(readings('America/New_York', '2026-11-01 01:30')).to.deep.equal(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']);
      });

      it('leaves the times either side of the overlap alone', () => {
        expect(readings('Europe/London', '2026-10-25 00:59')).to.deep.equal(['2026-10-24T23:59:00.000Z', '2026-10-24T23:59:00.000Z']);
        expect(readings('Europe/London', '2026-10-25 02:00')).to.deep.equal(['2026-10-25T02:00:00.000Z', '2026-10-25T02:00:00.000Z']);
      });
    });

    it('gives back the instant a clock was read at, to the second, in any zone', () => {
      const zones = ['Europe/London', 'America/New_York', 'Asia/Shanghai', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo'];
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 11, 31) }), fc.constantFrom(...zones), (ms, zone) => {
          const wall = wallClock(zone, ms);
          const whole = Math.floor(ms / 1000) * 1000;
          // A repeated time is one of its two readings; every other time has exactly one.
          expect([instantOf(zone, wall, first), instantOf(zone, wall, second)]).to.include(whole);
          expect(wallClock(zone, instantOf(zone, wall, first))).to.deep.equal(wall);
        }),
        { numRuns: 400 },
      );
    });
  });

  it('wallClockAsUtc writes a wall time as a comparable number', () => {
    expect(wallClockAsUtc(local('2026-03-29 01:30'))).to.equal(Date.UTC(2026, 2, 29, 1, 30));
    expect(wallClockAsUtc(local('2026-03-29 01:30'))).to.be.lessThan(wallClockAsUtc(local('2026-03-29 02:00')));
  });

  describe('isValidTimeZone', () => {
    it('knows IANA zones and refuses anything else', () => {
      expect(isValidTimeZone('Asia/Shanghai')).to.equal(true);
      expect(isValidTimeZone('Europe/London')).to.equal(true);
      expect(isValidTimeZone('Mars/Olympus_Mons')).to.equal(false);
      expect(isValidTimeZone('')).to.equal(false);
      expect(isValidTimeZone(8)).to.equal(false);
      expect(isValidTimeZone(undefined)).to.equal(false);
      expect(isValidTimeZone(`Europe/${'x'.repeat(70)}`)).to.equal(false);
    });

    it('stays right after many different spellings of zones have been asked about', () => {
      for (let i = 0; i < 300; i += 1) {
        const spelled = [...'europe/london'].map((c, k) => ((i >> k) & 1 ? c.toUpperCase() : c)).join('');
        expect(isValidTimeZone(spelled), spelled).to.equal(true);
      }
      expect(wallClock('Europe/London', Date.parse('2026-07-13T08:00:00Z'))).to.deep.equal(local('2026-07-13 09:00'));
    });
  });
});
