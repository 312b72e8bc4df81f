import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { parse } from 'yaml';
import { botResponses } from '../../bots/responses';
import { supportedLocales } from '../../locale/locale';
import { defaultMessagesDir, messages, useMessageCatalogue } from '../../messages/currentMessages';
import { loadMessageCatalogue } from '../../messages/loadMessageCatalogue';
import { placeholdersOf } from '../../messages/messageCatalogue';
import { MessageCatalogueError } from '../../messages/messageErrors';
import { messageKeys } from '../../messages/messageKeys';
import type { MessageKey } from '../../messages/messageKeys';
import { MessageCatalogueCopies, replaceOnce, shippedMessages } from '../support/messageCatalogueCopy';

const copies = new MessageCatalogueCopies();
const copyWith = (edit: Partial<Record<string, (source: string) => string>>): string => copies.make(edit);
const shipped = shippedMessages;

function refusal(dir: string): MessageCatalogueError {
  try {
    loadMessageCatalogue(dir);
  } catch (error) {
    expect(error).to.be.instanceOf(MessageCatalogueError);
    return error as MessageCatalogueError;
  }
  throw new Error('the catalogue was accepted');
}

after(() => copies.removeAll());

/** Sample values for every placeholder a key needs. */
function sampleParams(key: MessageKey): Record<string, string> {
  return Object.fromEntries((messageKeys[key] as readonly string[]).map((name) => [name, `⟦${name}⟧`]));
}
const formatAny = (locale: (typeof supportedLocales)[number], key: MessageKey, params: Record<string, string | number>): string =>
  (messages().format.bind(messages()) as (l: string, k: string, p: Record<string, string | number>) => string)(locale, key, params);

describe('message catalogue', () => {
  describe('the shipped catalogue (content/messages/)', () => {
    it('loads', () => {
      expect(() => loadMessageCatalogue(defaultMessagesDir)).not.to.throw();
    });

    it('has every message the code uses, non-empty, in en-US and zh-CN, each placeholder filled', () => {
      for (const key of Object.keys(messageKeys) as MessageKey[]) {
        for (const locale of supportedLocales) {
          const text = formatAny(locale, key, sampleParams(key));
          expect(text.trim(), `${locale} ${key}`).not.to.equal('');
          expect(placeholdersOf(text), `${locale} ${key}`).to.deep.equal([]);
          for (const name of messageKeys[key]) expect(text, `${locale} ${key}`).to.include(`⟦${name}⟧`);
        }
      }
    });

    it('uses the same placeholders in both locales', () => {
      const catalogue = loadMessageCatalogue(defaultMessagesDir);
      const marks = (locale: 'en-US' | 'zh-CN', key: MessageKey) =>
        [...(catalogue.format.bind(catalogue) as (l: string, k: string, p: Record<string, string>) => string)(locale, key, sampleParams(key)).matchAll(/⟦(\w+)⟧/g)].map((m) => m[1]).sort();
      for (const key of Object.keys(messageKeys) as MessageKey[]) expect(marks('zh-CN', key), key).to.deep.equal(marks('en-US', key));
    });

    it('addresses customers as 您 in Chinese, never 你', () => {
      const zh = parse(shipped('zh-CN')) as { handoff: { agent: unknown } };
      zh.handoff.agent = {};
      const customerFacing = JSON.stringify(zh);
      expect(customerFacing).to.include('您');
      expect(customerFacing).not.to.match(/你(?!们)/);
    });
  });

  describe('refusing a broken catalogue, naming file and key', () => {
    it('refuses a message missing in zh-CN', () => {
      const dir = copyWith({ 'zh-CN': (s) => replaceOnce(s, '  nonText: 目前我只能阅读文字消息。可以把您的问题打出来吗？\n', '') });
      const error = refusal(dir);
      expect(error.code).to.equal('WL_MESSAGES_INVALID');
      expect(error.problems).to.deep.equal([{ code: 'missing-key', file: 'zh-CN.yaml', key: 'bot.nonText', message: 'is missing' }]);
      expect(error.message).to.include(dir).and.include('zh-CN.yaml: bot.nonText: is missing (missing-key)');
    });

    it('refuses a key the bot does not use', () => {
      const dir = copyWith({ 'en-US': (s) => replaceOnce(s, '\nbot:\n', '\nbot:\n  welcom: Hello!\n') });
      const error = refusal(dir);
      expect(error.problems.map((p) => [p.code, p.file, p.key])).to.deep.equal([['extra-key', 'en-US.yaml', 'bot.welcom']]);
      expect(error.message).to.include('en-US.yaml: bot.welcom: is not a message the bot uses');
    });

    it('refuses a placeholder that differs from what the code fills in (and so from the other locale)', () => {
      const dir = copyWith({ 'zh-CN': (s) => replaceOnce(s, '客服 {name} 已加入对话。', '客服 {agent} 已加入对话。') });
      const error = refusal(dir);
      expect(error.problems.map((p) => [p.code, p.file, p.key])).to.deep.equal([['placeholder-mismatch', 'zh-CN.yaml', 'handoff.customer.agentJoined']]);
      expect(error.message).to.include('zh-CN.yaml: handoff.customer.agentJoined: uses {agent}, {name} but the bot fills in {name}');
    });

    it('refuses a text without a placeholder the code fills in', () => {
      const dir = copyWith({ 'en-US': (s) => replaceOnce(s, '({limit} characters at most)', '(a few characters at most)') });
      expect(refusal(dir).message).to.include('en-US.yaml: bot.tooLong: uses no placeholders but the bot fills in {limit}');
    });

    it('refuses an empty text', () => {
      const dir = copyWith({ 'en-US': (s) => replaceOnce(s, '  noneOfThese: None of these\n', '  noneOfThese: "  "\n') });
      expect(refusal(dir).problems).to.deep.equal([{ code: 'empty-text', file: 'en-US.yaml', key: 'dialog.noneOfThese', message: 'is empty' }]);
    });

    it('refuses a list or a number where text belongs', () => {
      const dir = copyWith({ 'en-US': (s) => replaceOnce(s, '  noneOfThese: None of these\n', '  noneOfThese: [None, of, these]\n') });
      expect(refusal(dir).problems).to.deep.equal([{ code: 'not-text', file: 'en-US.yaml', key: 'dialog.noneOfThese', message: 'must be text' }]);
    });

    it('lists every problem in both files at once', () => {
      const dir = copyWith({
        'en-US': (s) => replaceOnce(s, '  noneOfThese: None of these\n', '  noneOfThese: ""\n'),
        'zh-CN': (s) => replaceOnce(s, '  nonText: 目前我只能阅读文字消息。可以把您的问题打出来吗？\n', ''),
      });
      const error = refusal(dir);
      expect(error.problems.map((p) => `${p.file} ${p.key} ${p.code}`)).to.have.members(['en-US.yaml dialog.noneOfThese empty-text', 'zh-CN.yaml bot.nonText missing-key']);
      expect(error.message).to.include('has 2 problems');
    });

    it('refuses broken YAML and a missing file, with the line', () => {
      const dir = copyWith({ 'en-US': (s) => replaceOnce(s, '  nonText: I can', '  nonText: "I can') });
      rmSync(path.join(dir, 'zh-CN.yaml'));
      const problems = refusal(dir).problems;
      expect(problems.map((p) => `${p.file} ${p.code}`)).to.have.members(['en-US.yaml yaml-syntax', 'zh-CN.yaml unreadable-file']);
      expect(problems.find((p) => p.code === 'yaml-syntax')?.message).to.match(/^line \d+: /);
    });
  });

  describe('format', () => {
    const catalogue = loadMessageCatalogue(defaultMessagesDir);

    it('fills placeholders exactly as the typed modules did', () => {
      expect(catalogue.format('en-US', 'handoff.customer.connecting.oneMinute', { queue: 'Billing', position: 2, minutes: 1 })).to.equal(
        "I'm connecting you with a person from our Billing team. You're number 2 in line, and the wait is about 1 minute. " +
          `I've passed on everything you've told me, so you won't need to repeat anything. You can keep writing here in the meantime, or say "never mind" to cancel.`,
      );
      expect(catalogue.format('en-US', 'handoff.customer.positionChanged.manyMinutes', { position: 3, minutes: 12 })).to.equal("Update: you're now number 3 in line, about 12 minutes to go.");
      expect(catalogue.format('zh-CN', 'handoff.agent.nowAvailable.someWaiting', { waiting: 4 })).to.equal('您已设为“空闲”。有 4 人在排队，输入 /queue 查看。');
      expect(catalogue.format('zh-CN', 'contact.callbackBooked', { when: '12月7日 15:00', phone: '•••123' })).to.equal('已预约：我们将在12月7日 15:00拨打 •••123。在此之前有任何需要，随时问我。');
      expect(catalogue.format('en-US', 'offer.accepted', { title: 'Free delivery' })).to.equal('Done: “Free delivery” is noted on your account, and you’ll find the details there. Anything else I can help with?');
    });

    it('does not treat braces inside a value as placeholders', () => {
      expect(catalogue.format('en-US', 'handoff.customer.agentSays', { name: 'Ana', text: 'type {name} here' })).to.equal('**Ana:** type {name} here');
    });

    it('refuses an unknown key and a missing value as programming errors', () => {
      const untyped = catalogue.format.bind(catalogue) as (l: string, k: string, p?: object) => string;
      expect(() => untyped('en-US', 'bot.nope')).to.throw(MessageCatalogueError).with.property('code', 'WL_MESSAGE_UNKNOWN_KEY');
      expect(() => untyped('en-US', 'bot.tooLong', {})).to.throw(MessageCatalogueError).with.property('code', 'WL_MESSAGE_MISSING_PARAM');
    });
  });

  describe('an edited catalogue (MESSAGES_DIR)', () => {
    afterEach(() => useMessageCatalogue(loadMessageCatalogue(defaultMessagesDir)));

    it('changes what the bot says once installed, with no code change', () => {
      const dir = copyWith({ 'en-US': (s) => replaceOnce(s, 'Could you type your question?', 'Please type your question.') });
      useMessageCatalogue(loadMessageCatalogue(dir));
      expect(botResponses['en-US'].nonText).to.equal('I can only read text messages for now. Please type your question.');
      expect(botResponses['zh-CN'].nonText).to.equal('目前我只能阅读文字消息。可以把您的问题打出来吗？');
    });
  });
});
