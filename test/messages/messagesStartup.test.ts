import path from 'node:path';
import { expect } from 'chai';
import { botResponses } from '../../bots/responses';
import { appRoot, loadConfig } from '../../config';
import type { WarmlineApp } from '../../index';
import { defaultMessagesDir, useMessageCatalogue } from '../../messages/currentMessages';
import { loadMessageCatalogue } from '../../messages/loadMessageCatalogue';
import { MessageCatalogueError } from '../../messages/messageErrors';
import { MessageCatalogueCopies, replaceOnce } from '../support/messageCatalogueCopy';
import { startTestApp } from '../support/testApp';

describe('message catalogue at start-up (MESSAGES_DIR)', () => {
  const copies = new MessageCatalogueCopies();
  let app: WarmlineApp | undefined;

  afterEach(async () => {
    await app?.stop();
    app = undefined;
    useMessageCatalogue(loadMessageCatalogue(defaultMessagesDir));
  });
  after(() => copies.removeAll());

  it('reads content/messages by default, or the folder MESSAGES_DIR names', () => {
    expect(loadConfig({}).messagesDir).to.equal(path.join(appRoot, 'content', 'messages'));
    expect(loadConfig({ MESSAGES_DIR: 'my/messages' }).messagesDir).to.equal(path.resolve('my/messages'));
  });

  it('speaks from an edited copy once started with it', async () => {
    const dir = copies.make({ 'zh-CN': (s) => replaceOnce(s, '可以把您的问题打出来吗？', '请把您的问题打出来。') });
    app = await startTestApp({ MESSAGES_DIR: dir });
    expect(botResponses['zh-CN'].nonText).to.equal('目前我只能阅读文字消息。请把您的问题打出来。');
  });

  it('refuses to start with a catalogue missing a message, naming file and key', async () => {
    const dir = copies.make({ 'zh-CN': (s) => replaceOnce(s, '  nonText: 目前我只能阅读文字消息。可以把您的问题打出来吗？\n', '') });
    const failure = await startTestApp({ MESSAGES_DIR: dir }).then(
      (started) => {
        app = started;
        return undefined;
      },
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(MessageCatalogueError);
    expect((failure as MessageCatalogueError).message).to.include('zh-CN.yaml: bot.nonText: is missing');
  });
});
