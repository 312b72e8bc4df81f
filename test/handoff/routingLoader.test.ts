import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { EscalationReason } from '../../handoff/escalation';
import type { RoutingConfig } from '../../handoff/routing';
import { RoutingError, routingErrorCodes } from '../../handoff/routingErrors';
import { loadRouting, parseRouting } from '../../handoff/routingLoader';

const contentDir = path.join(__dirname, '..', '..', 'content');
const routingFile = path.join(contentDir, 'routing.yaml');

/** A small valid routing file, as data, for tests to break one thing at a time. */
function validFile(): Record<string, unknown> {
  return {
    default_queue: 'general',
    queues: [
      { id: 'general', names: { 'en-US': 'General help', 'zh-CN': '综合服务' }, hours: 'always' },
      {
        id: 'specialists',
        names: { 'en-US': 'Specialists', 'zh-CN': '专家' },
        hours: { time_zone: 'Europe/London', weekly: { mon: ['09:00-17:00'] }, holidays: ['2026-12-25'] },
      },
    ],
    topic_queues: { delivery: 'general' },
    reason_queues: { fraud: 'specialists' },
    tiers: [{ id: 'vip', priority: 30 }],
  };
}

function rejection(text: string): RoutingError {
  try {
    parseRouting(text, 'routing.yaml');
  } catch (err) {
    expect(err).to.be.instanceOf(RoutingError);
    return err as RoutingError;
  }
  expect.fail('the routing file was accepted');
}

/** The queue a handoff goes to, by the contract of `RoutingConfig`: topic, then reason, then the default. */
function queueFor(routing: RoutingConfig, topic: string, reason: EscalationReason): string {
  return routing.topicQueues[topic] ?? routing.reasonQueues[reason] ?? routing.defaultQueue;
}

/** `{ id, topic, reason }` of every entry of a .qna file, from its `**Filters:**` lines. */
function knowledgeEntries(file: string): { id: string; topic: string; reason?: string }[] {
  return readFileSync(file, 'utf8')
    .split(/<a id = "/)
    .slice(1)
    .map((block) => {
      const id = block.slice(0, block.indexOf('"'));
      const topic = /^- topic = (\S+)/m.exec(block)?.[1] ?? '';
      const reason = /^- reason = (\S+)/m.exec(block)?.[1];
      return reason === undefined ? { id, topic } : { id, topic, reason };
    });
}

describe('routing file', () => {
  describe('the shipped content/routing.yaml', () => {
    let routing: RoutingConfig;
    let entries: ReturnType<typeof knowledgeEntries>;
    before(() => {
      routing = loadRouting(routingFile);
      entries = ['store.en-us.qna', 'store.zh-cn.qna'].flatMap((f) => knowledgeEntries(path.join(contentDir, 'knowledge', f)));
    });

    it('has the three sample queues, with specialists on London office hours and the others always staffed', () => {
      expect(routing.defaultQueue).to.equal('general');
      expect(routing.queues.map((q) => q.id)).to.deep.equal(['general', 'orders', 'specialists']);
      expect(routing.queues.find((q) => q.id === 'general')?.names).to.deep.equal({ 'en-US': 'General help', 'zh-CN': '综合服务' });
      expect(routing.queues.filter((q) => q.hours.always).map((q) => q.id)).to.deep.equal(['general', 'orders']);
      const specialists = routing.queues.find((q) => q.id === 'specialists');
      expect(specialists?.hours.timeZone).to.equal('Europe/London');
      expect(Object.keys(specialists?.hours.weekly ?? {})).to.deep.equal(['mon', 'tue', 'wed', 'thu', 'fri']);
      expect(specialists?.hours.weekly.wed).to.deep.equal([{ start: '09:00', end: '17:00' }]);
      expect(specialists?.hours.holidays).to.include('2026-12-25');
    });

    it('sends every escalating knowledge answer (complaint, cancellation, fraud, expert) to the specialists', () => {
      const escalating = entries.filter((e) => e.reason !== undefined);
      expect(escalating.length).to.be.greaterThan(5);
      for (const entry of escalating) {
        expect(queueFor(routing, entry.topic, entry.reason as EscalationReason), `entry ${entry.id} (${entry.topic}, ${entry.reason})`).to.equal('specialists');
      }
    });

    it('sends order and delivery questions to the orders queue, and names only topics the knowledge base or the shipped flows use', () => {
      const topics = new Set(entries.map((e) => e.topic));
      // A dialog-flow topic's id is the conversation's topic while it runs (content/flows/<id>.yaml).
      const flowIds = new Set(readdirSync(path.join(contentDir, 'flows')).filter((f) => f.endsWith('.yaml') && !f.endsWith('.test.yaml')).map((f) => f.replace(/\.yaml$/, '')));
      expect(queueFor(routing, 'delivery', 'requested')).to.equal('orders');
      expect(queueFor(routing, 'where-is-my-order', 'requested')).to.equal('orders');
      expect(queueFor(routing, 'return-item', 'not-resolved')).to.equal('orders');
      expect(queueFor(routing, 'orders', 'not-resolved')).to.equal('orders');
      expect(queueFor(routing, 'account', 'requested')).to.equal('general');
      for (const topic of Object.keys(routing.topicQueues)) expect(topics.has(topic) || flowIds.has(topic), `topic_queues.${topic}`).to.equal(true);
      for (const topic of Object.keys(routing.escalation.topics)) expect(topics, `escalation.topics.${topic}`).to.include(topic);
    });

    it('ranks vip above at-risk above influencer, and offers vip customers a person after one miss', () => {
      expect(routing.tiers).to.deep.equal([
        { id: 'vip', priority: 30, noMatchLimit: 1 },
        { id: 'at-risk', priority: 20 },
        { id: 'influencer', priority: 10 },
      ]);
      expect(routing.escalation).to.include({ noMatchLimit: 2, notResolvedLimit: 2, negativeTurns: 2, negativeThreshold: -0.3 });
      expect(routing.escalation.agentPhrases['zh-CN']).to.not.be.empty;
      expect(routing.escalation.cancelPhrases['en-US']).to.not.be.empty;
    });

    it('cannot be changed after loading', () => {
      const specialists = routing.queues[2];
      expect(() => {
        (routing as { defaultQueue: string }).defaultQueue = 'orders';
      }).to.throw(TypeError);
      expect(() => (specialists?.hours.holidays as string[]).push('2026-01-01')).to.throw(TypeError);
      expect(routing.defaultQueue).to.equal('general');
    });
  });

  it('fills in every optional setting with its documented default', () => {
    const routing = parseRouting(
      'queues:\n  - id: help\n    names: { en-US: Help, zh-CN: 帮助 }\n    hours: { time_zone: asia/shanghai, weekly: { sat: ["13:00-24:00", "08:00-12:00"] } }\n',
      'minimal.yaml',
    );
    expect(routing.defaultQueue).to.equal('help');
    expect(routing.queues[0]).to.deep.include({ maxWaitMinutes: 10, defaultHandleMinutes: 6 });
    expect(routing.queues[0]?.hours).to.deep.equal({
      timeZone: 'Asia/Shanghai',
      always: false,
      weekly: { sat: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '24:00' }] },
      holidays: [],
    });
    expect(routing.topicQueues).to.deep.equal({});
    expect(routing.reasonQueues).to.deep.equal({});
    expect(routing.tiers).to.deep.equal([]);
    expect(routing.escalation).to.deep.equal({
      noMatchLimit: 2,
      notResolvedLimit: 2,
      negativeTurns: 2,
      negativeThreshold: -0.3,
      agentPhrases: { 'en-US': [], 'zh-CN': [] },
      cancelPhrases: { 'en-US': [], 'zh-CN': [] },
      topics: {},
    });
  });

  it('accepts the small valid file the mistakes below start from', () => {
    expect(parseRouting(stringify(validFile()), 'routing.yaml').reasonQueues).to.deep.equal({ fraud: 'specialists' });
  });

  describe('tells the admin where each mistake is', () => {
    const specialists = (file: Record<string, unknown>): Record<string, unknown> => (file.queues as Record<string, unknown>[])[1] ?? {};
    const hoursOf = (file: Record<string, unknown>): Record<string, unknown> => specialists(file).hours as Record<string, unknown>;
    const cases: [string, (file: Record<string, unknown>) => void, string][] = [
      ['a default queue that does not exist', (f) => (f.default_queue = 'sales'), 'default_queue: no queue "sales" (queues are: general, specialists)'],
      ['a topic sent to a missing queue', (f) => (f.topic_queues = { delivery: 'shipping' }), 'topic_queues.delivery: no queue "shipping"'],
      ['a reason sent to a missing queue', (f) => (f.reason_queues = { fraud: 'security' }), 'reason_queues.fraud: no queue "security"'],
      ['an unknown escalation reason', (f) => (f.reason_queues = { angry: 'specialists' }), 'reason_queues.angry: "angry" is not an escalation reason'],
      ['an unknown reason for a topic', (f) => (f.escalation = { topics: { legal: 'lawsuit' } }), 'escalation.topics.legal: "lawsuit" is not an escalation reason'],
      ['a misspelt time zone', (f) => (hoursOf(f).time_zone = 'Europe/Londn'), 'queues[1].hours.time_zone: "Europe/Londn" is not a time zone'],
      ['a time written without minutes', (f) => (hoursOf(f).weekly = { mon: ['9-17'] }), 'queues[1].hours.weekly.mon[0]: "9-17" is not a time range'],
      ['an impossible time', (f) => (hoursOf(f).weekly = { tue: ['09:00-25:00'] }), 'queues[1].hours.weekly.tue[0]: "09:00-25:00" is not a time range'],
      ['a span that ends before it starts', (f) => (hoursOf(f).weekly = { fri: ['17:00-09:00'] }), 'queues[1].hours.weekly.fri[0]: "17:00-09:00": the start must be before the end'],
      ['a day that is not a weekday', (f) => (hoursOf(f).weekly = { mon: ['09:00-17:00'], monday: ['09:00-17:00'] }), 'queues[1].hours.weekly: unknown setting "monday"'],
      ['a date that does not exist', (f) => (hoursOf(f).holidays = ['2026-02-30']), 'queues[1].hours.holidays[0]: "2026-02-30" is not a date'],
      ['opening hours without a time zone', (f) => delete hoursOf(f).time_zone, 'queues[1].hours.time_zone: is required'],
      ['opening hours with no open day', (f) => (hoursOf(f).weekly = {}), 'queues[1].hours.weekly: no opening times'],
      ['hours that are neither "always" nor a mapping', (f) => (specialists(f).hours = 'weekdays'), 'queues[1].hours: write "always", or a mapping'],
      ['two queues with one id', (f) => (specialists(f).id = 'general'), 'queues[1].id: "general" is used by an earlier queue'],
      ['a queue id with capitals', (f) => (specialists(f).id = 'Specialists'), 'queues[1].id: use only lower-case letters, digits and "-"'],
      ['a queue without its Chinese name', (f) => (specialists(f).names = { 'en-US': 'Specialists' }), 'queues[1].names.zh-CN: is required but missing'],
      ['a misspelt setting', (f) => (specialists(f).max_wait_minute = 5), 'queues[1]: unknown setting "max_wait_minute"'],
      ['a wait limit that is not a number', (f) => (specialists(f).max_wait_minutes = 'ten'), 'queues[1].max_wait_minutes: expected a number, got the text "ten"'],
      ['two tiers with one id', (f) => (f.tiers = [{ id: 'vip', priority: 30 }, { id: 'vip', priority: 10 }]), 'tiers[1].id: "vip" is used by an earlier tier'],
      ['a tier with no priority', (f) => (f.tiers = [{ id: 'vip', priority: 0 }]), 'tiers[0].priority: must be at least 1'],
      ['a positive negative-threshold', (f) => (f.escalation = { negative_threshold: 0.5 }), 'escalation.negative_threshold: must be from -1 to 0'],
      ['no queues at all', (f) => (f.queues = []), 'queues: list at least one queue'],
    ];
    for (const [name, breakIt, expected] of cases) {
      it(`rejects ${name}`, () => {
        const file = validFile();
        breakIt(file);
        const error = rejection(stringify(file));
        expect(error.code).to.equal(routingErrorCodes.invalid);
        expect(error.file).to.equal('routing.yaml');
        expect(error.message).to.contain(expected);
      });
    }
  });

  it('lists every problem in one message', () => {
    const file = validFile();
    file.default_queue = 'sales';
    (file.queues as Record<string, unknown>[])[0] = { id: 'general', names: { 'en-US': 'General' }, hours: 'always' };
    file.tiers = [{ id: 'VIP', priority: 30 }];
    const error = rejection(stringify(file));
    expect(error.problems.map((p) => p.path)).to.have.members(['default_queue', 'queues[0].names.zh-CN', 'tiers[0].id']);
    expect(error.message).to.match(/^Routing: routing\.yaml has 3 problems:\n {2}- /);
  });

  it('reports a file that is not YAML, with the line', () => {
    const error = rejection('queues:\n  - id: general\n    names: { en-US: General, zh-CN: 综合\n');
    expect(error.code).to.equal(routingErrorCodes.syntax);
    expect(error.message).to.match(/routing\.yaml: line \d+: not valid YAML/);
  });

  it('reports a setting written twice', () => {
    const error = rejection('default_queue: general\ndefault_queue: orders\n');
    expect(error.code).to.equal(routingErrorCodes.syntax);
    expect(error.message).to.contain('line 2: not valid YAML: Map keys must be unique');
  });

  it('reports an empty file as missing its queues', () => {
    expect(rejection('').message).to.contain('queues: is required but missing');
  });

  it('reports a missing file with its path', () => {
    const missing = path.join(contentDir, 'no-such-routing.yaml');
    let caught: unknown;
    try {
      loadRouting(missing);
    } catch (err) {
      caught = err;
    }
    expect(caught).to.be.instanceOf(RoutingError).and.to.include({ code: routingErrorCodes.notFound, file: missing });
    expect((caught as Error).message).to.contain(missing);
  });
});
