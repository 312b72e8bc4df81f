import { expect } from 'chai';
import path from 'node:path';
import { loadSampleOrders, normalizeSampleOrderId, parseSampleOrders, sampleOrderErrorCodes, sampleOrderStatuses, SampleOrdersError } from '../../samples/sampleOrderBook';

const shippedFile = path.resolve(__dirname, '..', '..', 'content', 'sampleOrders.yaml');

/** The error `parseSampleOrders` throws for `text`, or fails the test. */
function refusal(text: string): SampleOrdersError {
  try {
    parseSampleOrders(text, 'sampleOrders.yaml');
  } catch (err) {
    if (err instanceof SampleOrdersError) return err;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

const carriers = 'carriers:\n  shunda: { en-US: Shunda Express, zh-CN: 顺达快递 }\n';
const item = '    items:\n      - name: { en-US: Desk lamp, zh-CN: 台灯 }\n        quantity: 1\n';

describe('sample order book (content/sampleOrders.yaml)', () => {
  it('ships orders in every status, each with carrier and item names in English and Chinese', () => {
    const book = loadSampleOrders(shippedFile);
    const ids = Array.from({ length: book.size }, (_, i) => `LM-${200300 + i}`);
    const orders = ids.map((id) => book.find(id));
    expect(orders.every((o) => o !== undefined), 'orders are numbered LM-200300 upwards').to.equal(true);
    expect(new Set(orders.map((o) => o?.status))).to.deep.equal(new Set(sampleOrderStatuses));
    for (const order of orders) {
      for (const name of [order?.carrier?.name, ...(order?.items ?? []).map((i) => i.name)].filter((n) => n !== undefined)) {
        expect(name['en-US'], order?.id).to.match(/\S/);
        expect(name['zh-CN'], order?.id).to.match(/\p{Script=Han}/u);
      }
    }
    expect(book.find('LM-200300')).to.include({ status: 'late', expectedBy: '2026-11-19' });
  });

  it('finds an order by its id in any letter case, and nothing for an id of another shape', () => {
    const book = loadSampleOrders(shippedFile);
    expect(book.find('lm-200300')?.id).to.equal('LM-200300');
    expect(['LM-2003', 'LM-200300 ', 'LM-２００３００', '', 'constructor', '__proto__'].map((id) => book.find(id))).to.deep.equal([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect([normalizeSampleOrderId('Lm-123456'), normalizeSampleOrderId('LM-12345')]).to.deep.equal(['LM-123456', undefined]);
  });

  it('hands out orders nobody can change', () => {
    const order = loadSampleOrders(shippedFile).find('LM-200300');
    expect(Object.isFrozen(order) && Object.isFrozen(order?.items[0]?.name)).to.equal(true);
  });

  it('refuses a file that breaks the rules, listing every problem with its path', () => {
    const err = refusal(
      `${carriers}orders:\n` +
        `  LM-1:\n    status: shipped\n    ordered_on: 2026-11-01\n${item}` +
        `  LM-200001:\n    status: lost\n    ordered_on: 2026-02-30\n    colour: red\n${item}` +
        '  LM-200002:\n    status: shipped\n    ordered_on: 2026-11-01\n    items:\n      - name: { en-US: Lamp }\n        quantity: 0\n',
    );
    expect(err.code).to.equal(sampleOrderErrorCodes.invalid);
    expect(err.problems).to.include.members([
      'orders.LM-1: an order id is "LM-" and six digits, e.g. LM-200300',
      'orders.LM-200001.status: use one of processing, shipped, delivered, late',
      'orders.LM-200001.ordered_on: is not a day of the calendar',
      'orders.LM-200001: unknown setting "colour" (check the spelling)',
      'orders.LM-200002.items[0].name.zh-CN: is required but missing',
      'orders.LM-200002.items[0].quantity: must be 1 or more',
    ]);
    expect(err.message).to.contain('sampleOrders.yaml has').and.contain('problems');
  });

  it('refuses orders whose fields do not fit their status, an unknown carrier and dates out of order', () => {
    const err = refusal(
      `${carriers}orders:\n` +
        `  LM-200001:\n    status: processing\n    ordered_on: 2026-11-01\n    shipped_on: 2026-11-02\n    tracking_number: SD123456\n${item}` +
        `  LM-200002:\n    status: late\n    ordered_on: 2026-11-05\n    shipped_on: 2026-11-04\n    carrier: dhl\n${item}` +
        `  LM-200003:\n    status: delivered\n    ordered_on: 2026-11-01\n    shipped_on: 2026-11-02\n    carrier: shunda\n${item}`,
    );
    expect(err.problems).to.have.members([
      'orders.LM-200001.shipped_on: must not be set when the status is processing',
      'orders.LM-200001.tracking_number: must not be set when the status is processing',
      'orders.LM-200002.expected_by: is required when the status is late',
      'orders.LM-200002.carrier: no carrier "dhl" under carriers (carriers are: shunda)',
      'orders.LM-200002.shipped_on: is before ordered_on (2026-11-05)',
      'orders.LM-200003.delivered_on: is required when the status is delivered',
    ]);
  });

  it('says where YAML syntax breaks, and names a missing file, each with its own code', () => {
    const syntax = refusal('orders:\n  LM-200300: [unclosed\n');
    expect(syntax.code).to.equal(sampleOrderErrorCodes.syntax);
    expect(syntax.problems[0]).to.match(/^line \d+: not valid YAML/);
    expect(() => loadSampleOrders('/nonexistent/sampleOrders.yaml')).to.throw(SampleOrdersError).with.property('code', sampleOrderErrorCodes.notFound);
    expect(refusal('just text').code).to.equal(sampleOrderErrorCodes.invalid);
  });
});
