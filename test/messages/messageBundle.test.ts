import { expect } from 'chai';
import { messageBundleProblems, messagesOfBundle } from '../../messages/messageBundle';
import { MessageCatalogueError } from '../../messages/messageErrors';
import { readContentFolder } from '../../publishing/contentFolder';
import { defaultMessagesDir } from '../../messages/currentMessages';

const shipped = readContentFolder(defaultMessagesDir);

describe('the message catalogue as a published version', () => {
  it('speaks from the texts of a version as from the folder', () => {
    const edited = shipped.map((f) => (f.path === 'en-US.yaml' ? { ...f, text: f.text.replace(/^( {2}noAgent: ).*$/m, '$1Nobody from our {queue} team is free.') } : f));
    expect(messagesOfBundle(edited).format('en-US', 'contact.noAgent', { queue: 'General help' })).to.equal('Nobody from our General help team is free.');
  });

  it('refuses a version without one locale, and says where the YAML breaks', () => {
    expect(() => messagesOfBundle(shipped.filter((f) => f.path !== 'zh-CN.yaml'), 'of version 1a2b'))
      .to.throw(MessageCatalogueError)
      .with.property('message')
      .that.contains('The message catalogue of version 1a2b has a problem')
      .and.contains('zh-CN.yaml: is missing (unreadable-file)');
    const broken = shipped.map((f) => (f.path === 'zh-CN.yaml' ? { ...f, text: `${f.text}\nbot: [unclosed\n` } : f));
    const [problem, ...more] = messageBundleProblems(broken);
    expect(problem).to.include({ file: 'zh-CN.yaml', code: 'yaml-syntax' });
    expect(problem?.line, 'the line of the syntax error').to.be.greaterThan(1);
    expect(problem?.path).to.equal(undefined);
    expect(more.every((p) => p.file === 'zh-CN.yaml')).to.equal(true);
  });
});
