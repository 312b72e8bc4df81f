/**
 * The six responses modules are views over the message catalogue. Every string and every function
 * (called with the inputs the code passes, including each branch: 1 minute or more, a name or none,
 * a reopening time or none, nobody or some waiting) must say exactly what the typed modules said
 * before the catalogue existed, recorded in test/fixtures/messages/responsesBefore.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { botResponses } from '../../bots/responses';
import { contactResponses } from '../../dialogs/contactResponses';
import { resolutionResponses } from '../../dialogs/resolutionResponses';
import { dialogResponses } from '../../dialogs/responses';
import { agentHandoffResponses, customerHandoffResponses } from '../../handoff/responses';
import { offerResponses } from '../../offers/responses';

const before = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'messages', 'responsesBefore.json'), 'utf8')) as Record<string, string>;

const modules: Record<string, unknown> = { botResponses, dialogResponses, resolutionResponses, contactResponses, customerHandoffResponses, agentHandoffResponses, offerResponses };
const argSets: unknown[][] = [['Billing', 1, 1], ['Billing', 3, 12], ['Ana Li', 0, 0], ['A', 2, 'x']];
/** Optional arguments left out, as the code does when there is no agent name or reopening time. */
const optional: Record<string, unknown[]> = { hubAccepted: [undefined], closed: ['Billing', undefined] };

function render(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (prefix: string, value: unknown): void => {
    if (typeof value === 'string') out[prefix] = value;
    else if (typeof value === 'function') {
      const extra = optional[prefix.split('.').pop() ?? ''];
      [...argSets, ...(extra ? [extra] : [])].forEach((args, i) => {
        out[`${prefix}(${i})`] = (value as (...a: unknown[]) => string)(...args);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(prefix ? `${prefix}.${key}` : key, child);
    }
  };
  walk('', modules);
  return out;
}

/** Messages added after the snapshot (each one deliberately; their wording is tested where they are used). */
const addedSince = ['ticketReply'];

describe('responses modules over the message catalogue', () => {
  const now = render();

  for (const name of Object.keys(modules)) {
    it(`${name} says exactly what it said before, in en-US and zh-CN`, () => {
      const pick = (all: Record<string, string>) => Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(`${name}.`) && !addedSince.some((added) => k.includes(`.${added}(`))));
      expect(pick(now)).to.deep.equal(pick(before));
    });
  }

  it('leaves no placeholder unfilled in any message', () => {
    const unfilled = Object.entries(now).filter(([, text]) => /\{[A-Za-z]\w*\}/.test(text));
    expect(unfilled).to.deep.equal([]);
  });
});
