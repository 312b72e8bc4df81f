import { expect } from 'chai';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..');

/** The project's lint configuration, running only the import rule (no type information needed, so it is quick). */
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

/** What the import rule says about `code` written as `file`. */
async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint: domain folders import no botbuilder (eslint.config.mjs)', () => {
  it('refuses botbuilder, botframework-* and the layers above the domain, in every domain folder', async () => {
    const code = [
      "import type { TurnContext } from 'botbuilder';",
      "import { WaterfallDialog } from 'botbuilder-dialogs';",
      "import type { Activity } from 'botframework-schema';",
      "import { MemoryStorage } from 'botbuilder-core';",
      "import { recognizeYesNo } from '../dialogs/yesNo';",
      "import { sendError } from '../adapters/httpServer';",
      'export type Used = [TurnContext, typeof WaterfallDialog, Activity, typeof MemoryStorage, typeof recognizeYesNo, typeof sendError];',
      '',
    ].join('\n');
    for (const file of ['handoff/escalation.ts', 'knowledge/knowledgeBase.ts', 'offers/offerGate.ts', 'customers/customerProfiles.ts', 'privacy/sensitiveData.ts', 'flows/newTopic.ts', 'publishing/sub/newFile.ts', 'locale/locale.ts', 'samples/sampleOrderBook.ts', 'messages/messageCatalogue.ts', 'accounts/userAccounts.ts']) {
      const messages = await restrictedImports(file, code);
      expect(messages, file).to.have.length(6);
      expect(messages[0], file).to.contain('Domain folders do not import botbuilder');
      expect(messages[5], file).to.contain('arrows point down');
    }
  });

  it('leaves the layers that speak Bot Framework alone, and the domain importing its own kind', async () => {
    expect(await restrictedImports('dialogs/yesNo.ts', "import { recognizeChoices } from 'botbuilder-dialogs';\nexport const r = recognizeChoices;\n")).to.deep.equal([]);
    expect(await restrictedImports('handoff/escalation.ts', "import type { SupportedLocale } from '../locale/locale';\nimport { scoreSentiment } from './sentiment';\nexport type L = SupportedLocale;\nexport const s = scoreSentiment;\n")).to.deep.equal([]);
  });
});
