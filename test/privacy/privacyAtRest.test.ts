import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { WarmlineApp } from '../../index';
import { resolutionResponses } from '../../dialogs/resolutionResponses';
import { ConnectorStandIn } from '../support/connectorStandIn';
import { PrivacyScenario } from '../support/privacyScenario';
import type { ScenarioCustomer } from '../support/privacyScenario';
import { startTestApp } from '../support/testApp';

/** A card number that passes the Luhn check, as a customer might type it three ways, and a password. */
const card = { spaced: '4539 1488 0343 6467', dashed: '4539-1488-0343-6467', plain: '4539148803436467' };
const password = 'Tr0ub4dor&3xyz';
const pin = '7Hx9Qz42k';

/** Everything the raw values could look like once stored. */
const rawValues = [card.spaced, card.dashed, card.plain, password, pin];

describe('privacy at rest: card numbers and passwords typed anywhere are never stored', () => {
  let dir: string;
  let customers: ConnectorStandIn;
  let agents: ConnectorStandIn;
  let app: WarmlineApp | undefined;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-at-rest-'));
    customers = await new ConnectorStandIn().start();
    agents = await new ConnectorStandIn().start();
  });
  after(async () => {
    await app?.stop();
    await customers.stop();
    await agents.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps only masked forms in the SQLite file: state, journals, dialogs, handoffs, notes, tickets, learning, transcripts, Direct Line', async function () {
    this.timeout(60_000);
    const file = path.join(dir, 'warmline.db');
    app = await startTestApp({ STORAGE: 'sqlite', SQLITE_PATH: file });
    const scenario = new PrivacyScenario(app, customers, agents);
    const robin: ScenarioCustomer = { userId: 'customer-robin', name: 'Robin', conversationId: 'web-robin', channelId: 'webchat' };
    const kim: ScenarioCustomer = { userId: 'customer-kim', name: 'Kim', conversationId: 'web-kim', channelId: 'webchat' };

    // No answer: the question goes to the journal, the dialog, the summary and active learning.
    const lee: ScenarioCustomer = { userId: 'customer-lee', name: 'Lee', conversationId: 'web-lee', channelId: 'webchat' };
    await scenario.unanswered(robin, `is the volcano lamp waterproof, card ${card.spaced}, pwd ${password}`);
    await scenario.handoff(robin, {
      waiting: `also my pin ${pin} stopped working on ${card.plain}`,
      toAgent: `here it is again: ${card.spaced}, password: ${password}`,
      fromAgent: `Thanks, I have blocked ${card.spaced} for you`,
      note: `customer read out ${card.dashed}`,
    });
    await scenario.leftMessage(kim, `please call about card ${card.plain}, password ${password}`);
    await scenario.directLine('dl-visitor', `my card ${card.spaced} and password is ${password}`);
    // The resolution check keeps the question in the dialog state while it waits: Lee never answers.
    expect(await scenario.say(lee, `can my parrot pay by card ${card.dashed} pin ${pin}`)).to.include(resolutionResponses['en-US'].askAfterAnswer);
    await app.stop();
    app = undefined;

    // Every row, read through SQLite (values spread over several pages are whole here).
    const db = new BetterSqlite3(file, { readonly: true });
    let rows: string[];
    try {
      rows = [
        ...db.prepare<[], { key: string; value: string }>('SELECT key, value FROM storage_items').all().map((r) => `${r.key} ${r.value}`),
        ...db.prepare<[], { activity: string }>('SELECT activity FROM transcript_activities').all().map((r) => r.activity),
      ];
    } finally {
      db.close();
    }
    const all = rows.join('\n');
    for (const value of rawValues) expect(all, `"${value}" in a stored row`).to.not.contain(value);
    // The bytes of the file (free pages and the WAL included) hold none of them either.
    const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
    for (const value of rawValues) expect(bytes.includes(value), `"${value}" in the file`).to.equal(false);

    // What was stored is there, masked: the test looked where the values would have been.
    const keys = rows.map((r) => r.split(' ')[0] ?? '');
    for (const prefix of ['webchat/conversations/web-robin/', 'handoff/record/', 'handoff/ticket/', 'warmline/active-learning/', 'directline/conversation/']) {
      expect(keys.some((k) => k.startsWith(prefix)), `a ${prefix} record`).to.equal(true);
    }
    expect(all).to.contain('•••• 6467').and.contain('pwd ••••••').and.contain('pin ••••••');
  });
});
