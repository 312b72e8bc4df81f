import { expect } from 'chai';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { OfferCatalogueError, offerCatalogueErrorCodes } from '../../offers/offerCatalogueLoader';
import type { OfferCatalogueOptions } from '../../offers/offerCatalogueLoader';
import { OfferCatalogueReloader } from '../../offers/offerCatalogueReloader';
import { LogCapture } from '../storage/logCapture';

/** An offer as an admin writes it in offers.yaml; tests change one thing at a time. */
function offer(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    product: `${id}-product`,
    group: 'membership',
    value: 25,
    title: { 'en-US': `Title of ${id}`, 'zh-CN': `${id} 的标题` },
    text: { 'en-US': `A suggestion about ${id}, if you like.`, 'zh-CN': `关于 ${id} 的建议，仅供参考。` },
    topics: { delivery: 0.9 },
    ...overrides,
  };
}

type LogEntry = LogCapture['entries'][number];

/** The message of the error logged with an entry (pino serialises `err`). */
function loggedError(entry: LogEntry | undefined): string {
  const err = entry?.err as { message?: string; type?: string } | undefined;
  return err?.message ?? '';
}

describe('OfferCatalogueReloader', () => {
  let dir: string;
  let file: string;
  let logs: LogCapture;
  let topics: string[];
  const options = (): OfferCatalogueOptions => ({ knownTopics: [...topics], knownTiers: ['vip'] });
  const write = (offers: unknown[], settings: Record<string, unknown> = {}): void => writeFileSync(file, stringify({ settings, offers }));
  const reloader = (): OfferCatalogueReloader => new OfferCatalogueReloader(file, options, logs.logger);
  const errorsLogged = (): LogEntry[] => logs.entries.filter((e) => e.msg === 'offer catalogue not reloaded: the previous one stays in force');

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-offers-reload-'));
    file = path.join(dir, 'offers.yaml');
    logs = new LogCapture();
    topics = ['account', 'delivery', 'payment'];
    write([offer('club')], { customer_cap: { count: 1, days: 30 } });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('at start-up', () => {
    it('reads the file once and holds it as the catalogue in force', () => {
      const offers = reloader();
      expect(offers.current().offers.map((o) => o.id)).to.deep.equal(['club']);
      expect(offers.current().settings.customerCap).to.deep.equal({ count: 1, days: 30 });
    });

    it('stops start-up with a coded error naming the file and every problem with its path', () => {
      write([offer('club', { value: -1 }), offer('club', { topics: { warranty: 1 } })]);
      let error: unknown;
      try {
        reloader();
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(OfferCatalogueError);
      const problem = error as OfferCatalogueError;
      expect(problem.code).to.equal(offerCatalogueErrorCodes.invalid);
      expect(problem.message).to.contain(file).and.contain('has 3 problems');
      expect(problem.message).to.contain('offers[0].value').and.contain('offers[1].id').and.contain('offers[1].topics.warranty');
    });

    it('stops start-up when the file is missing', () => {
      unlinkSync(file);
      expect(() => reloader()).to.throw(OfferCatalogueError, file).with.property('code', offerCatalogueErrorCodes.notFound);
    });
  });

  describe('reload (SIGHUP)', () => {
    it('puts an edited catalogue in force at once, also for code that kept the `current` function', () => {
      const offers = reloader();
      const current = offers.current; // how index.ts hands it to the engine and the API: unbound
      write([offer('club', { title: { 'en-US': 'Lumen Club, now with points', 'zh-CN': 'Lumen 会员积分' } }), offer('care', { topics: { payment: 0.5 } })], { customer_cap: { count: 2, days: 14 } });
      expect(offers.reload()).to.equal(true);
      expect(current().offers.map((o) => o.id)).to.deep.equal(['club', 'care']);
      expect(current().offers[0]?.title['en-US']).to.equal('Lumen Club, now with points');
      expect(current().settings.customerCap).to.deep.equal({ count: 2, days: 14 });
      const info = logs.entries.find((e) => e.msg === 'offer catalogue reloaded');
      expect(info).to.include({ offers: 2, area: 'offers' });
    });

    it('applies an emptied catalogue: no offers at all is a valid edit', () => {
      const offers = reloader();
      write([]);
      expect(offers.reload()).to.equal(true);
      expect(offers.current().offers).to.deep.equal([]);
    });

    const brokenEdits: Record<string, { edit: () => void; logged: () => string[] }> = {
      'a value the schema refuses': { edit: () => write([offer('club', { value: 0 }), offer('care', { title: { 'en-US': 'Care' } })]), logged: () => ['offers[0].value', 'offers[1].title.zh-CN'] },
      'a topic the knowledge base lacks': { edit: () => write([offer('club', { topics: { warranty: 1 } })]), logged: () => ['offers[0].topics.warranty', 'no topic "warranty"'] },
      'a tier the routing file lacks': { edit: () => write([offer('club', { eligibility: { tiers: ['gold'] } })]), logged: () => ['offers[0].eligibility.tiers[0]', 'no tier "gold"'] },
      'text that is not YAML': { edit: () => writeFileSync(file, 'offers:\n  - id: club\n   product: [unclosed\n'), logged: () => [file, 'line 3'] },
      'a deleted file': { edit: () => unlinkSync(file), logged: () => [file, 'cannot be read'] },
    };
    for (const [name, { edit, logged }] of Object.entries(brokenEdits)) {
      it(`keeps the previous catalogue in force after ${name}, and logs every problem with where it is`, () => {
        const offers = reloader();
        const before = offers.current();
        edit();
        expect(offers.reload()).to.equal(false);
        expect(offers.current()).to.equal(before);
        expect(offers.current().offers.map((o) => o.id)).to.deep.equal(['club']);
        const [entry, ...more] = errorsLogged();
        expect(more).to.have.length(0);
        expect(entry).to.include({ level: 50, area: 'offers' });
        for (const text of logged()) expect(loggedError(entry)).to.contain(text);
      });
    }

    it('keeps the good edit in force through a later broken one, and takes the next good one', () => {
      const offers = reloader();
      write([offer('care')]);
      expect(offers.reload()).to.equal(true);
      write([offer('care', { value: 'lots' })]);
      expect(offers.reload()).to.equal(false);
      expect(offers.current().offers.map((o) => o.id)).to.deep.equal(['care']);
      write([offer('club'), offer('care')]);
      expect(offers.reload()).to.equal(true);
      expect(offers.current().offers.map((o) => o.id)).to.deep.equal(['club', 'care']);
    });

    it('checks each reload against the knowledge topics of that moment', () => {
      const offers = reloader();
      topics = ['account', 'payment']; // the knowledge base was edited and lost its delivery answers
      expect(offers.reload()).to.equal(false);
      expect(loggedError(errorsLogged()[0])).to.contain('offers[0].topics.delivery');
      expect(offers.current().offers.map((o) => o.id)).to.deep.equal(['club']);
    });

    it('hands out a catalogue that cannot be changed by the code using it', () => {
      const offers = reloader();
      expect(() => ((offers.current().offers as unknown[]).length = 0)).to.throw(TypeError);
      expect(offers.current().offers).to.have.length(1);
    });
  });
});
