import { expect } from 'chai';
import { parse } from 'yaml';
import { writeBackYaml } from '../../publishing/yamlWriteBack';

/** A form's JSON written back into the YAML an admin wrote: what changed changes, the rest stays as it was. */
describe('publishing/yamlWriteBack', () => {
  const text = [
    '# Queues of the sample store.',
    'queues:',
    '  # Office hours only.',
    '  - id: specialists',
    '    hours:',
    '      time_zone: Europe/London   # London time',
    '      weekly:',
    '        mon: ["09:00-17:00"]',
    '      holidays:',
    '        - 2026-12-25   # Christmas Day',
    '  - id: general',
    '    hours: always',
    'tiers: [{ id: vip, priority: 30 }]',
    '',
  ].join('\n');

  it('changes a value in place and keeps every comment and the flow style', () => {
    const doc = parse(text) as { queues: { hours: { weekly: Record<string, string[]>; time_zone: string } }[] };
    doc.queues[0]!.hours.time_zone = 'Asia/Shanghai';
    doc.queues[0]!.hours.weekly.mon = ['08:30-17:00'];
    const out = writeBackYaml(text, doc);
    expect(out).to.contain('# Queues of the sample store.');
    expect(out).to.contain('# Office hours only.');
    expect(out).to.match(/time_zone: Asia\/Shanghai +# London time/);
    expect(out).to.contain('mon: ["08:30-17:00"]');
    expect(out).to.match(/- 2026-12-25 +# Christmas Day/);
    expect(parse(out)).to.deep.equal(doc);
  });

  it('adds keys and list items, removes keys set to null or left out, and turns a plain value into a mapping', () => {
    const doc = parse(text) as { queues: Record<string, unknown>[]; tiers?: unknown };
    doc.queues[1]!.hours = { time_zone: 'UTC', weekly: { sat: ['10:00-12:00'] } };
    (doc.queues[0]!.hours as { holidays: string[] }).holidays.push('2027-01-01');
    (doc.queues[0]!.hours as { weekly: Record<string, unknown> }).weekly.mon = null;
    delete doc.tiers;
    const out = writeBackYaml(text, doc as never);
    expect(out).to.contain('sat: ["10:00-12:00"]');
    expect(out).to.not.contain('mon:');
    expect(out).to.not.contain('tiers');
    expect(parse(out)).to.deep.equal({
      queues: [
        { id: 'specialists', hours: { time_zone: 'Europe/London', weekly: {}, holidays: ['2026-12-25', '2027-01-01'] } },
        { id: 'general', hours: { time_zone: 'UTC', weekly: { sat: ['10:00-12:00'] } } },
      ],
    });
  });

  it('writes the value afresh when the text is not YAML', () => {
    expect(parse(writeBackYaml('a: [', { a: 1 }))).to.deep.equal({ a: 1 });
  });
});
