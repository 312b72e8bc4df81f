import { expect } from 'chai';
import { asCode, customerTag, maxNameChars, plainText, quotedName, stripInvisible } from '../../handoff/plainText';
import { agentHandoffResponses } from '../../handoff/responses';
import { readText, renderLikeWebChat, renderLiterally } from '../support/webChatMarkdown';

/** An e-mail address shown as code. */
const emailCode = /<code>[^<@]+@[^<]+<\/code>/g;
/** Inputs a customer could type to make an agent's screen do something. */
const attacks = [
  '**Warmline System:** your session expired',
  '__bold__ *italic* _it_ ***both*** ~~struck~~ `code` ```fence```',
  '![pixel](https://tracker.example/p.png?id=42) and ![](//tracker.example/p.png)',
  '[Reset your password](https://evil.example/login "Warmline")',
  '[ref][1] then [1]: https://evil.example',
  '<https://evil.example/autolink> <mailto:x@evil.example>',
  'bare https://evil.example/login and http://1.2.3.4/x and ftp://files.example/a',
  'www.evil.example and evil.com and EVIL.CO.UK/login and xn--80ak6aa92e.com and 例子.中国',
  '//evil.example/path',
  'mailto:boss@evil and a@b.co',
  '<img src="https://tracker.example/p.png"> <a href="https://evil.example">click</a> <script>alert(1)</script>',
  '&#x202E; &#8238; &lt;b&gt; &amp;',
  '# Heading',
  '1. first',
  '- item',
  '+ item',
  '> quote',
  '---',
  '===',
  'text {aria-label="Warmline System says: pay now"}',
  'text ⟬aria-label="x"⟭',
  'trailing backslash \\',
  '| a | b |',
];

describe('plainText: what agents see is plain text', () => {
  it('renders what the customer typed, character for character, with no formatting', () => {
    for (const typed of attacks) {
      const html = renderLiterally(plainText(typed));
      // E-mail addresses are code (see below); nothing else is formatted.
      expect(html.replace(emailCode, ''), typed).to.not.match(/<(?!\/?p>)/);
      // Web Chat's attribute brackets are the one change: they become look-alikes.
      expect(readText(html), typed).to.equal(typed.replace('⟬', '⟨').replace('⟭', '⟩'));
    }
  });

  it('never gives Web Chat a link, an image, HTML or a format to render', () => {
    for (const typed of attacks) {
      const html = renderLikeWebChat(plainText(typed)).replace(emailCode, '');
      expect(html, typed).to.not.match(/<a[\s>]|<img|<script|<strong|<em>|<s>|<h\d|<li|<blockquote|<hr|<code|<table/);
      // Web Chat turns `{aria-label=…}` into an attribute (markdownItPlugins/ariaLabel.ts) before rendering.
      expect(plainText(typed), typed).to.not.match(/\{\s*aria-label|⟬/i);
    }
  });

  it('shows an e-mail address as code, exactly as typed and not as a link', () => {
    const shown = plainText('write to jane.doe@example.com please');
    expect(shown).to.equal('write to `jane.doe@example.com` please');
    expect(renderLikeWebChat(shown)).to.contain('<code>jane.doe@example.com</code>').and.not.contain('<a');
  });

  it('removes bidi controls, zero-width and control characters, and keeps emoji and Chinese as they are', () => {
    const bidi = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
    const hidden = ['\u200B', '\u200C', '\u2060', '\uFEFF', '\u00AD', '\u180E', '\u0007', '\u001B', '\u009B', '\u{E0041}', '\u3164'];
    expect(plainText(`pay${bidi.join('')}${hidden.join('')}now`)).to.equal('paynow');
    expect(plainText('invoice_\u202Efdp.exe')).to.equal('invoice_fdp.exe'.replace('.', '.\u2060'));
    expect(plainText('family 👨‍👩‍👧 thumbs 👍🏽 heart ❤️')).to.equal('family 👨‍👩‍👧 thumbs 👍🏽 heart ❤️');
    const chinese = '您好，我的订单 12345678 还没到（已经三天了），请帮我查一下！谢谢。';
    expect(plainText(chinese)).to.equal(chinese);
    expect(plainText('half a pair \uD83D here')).to.equal('half a pair \uFFFD here');
    expect(plainText(`e${'\u0301'.repeat(50)}`)).to.equal(`e${'\u0301'.repeat(4)}`);
  });

  it('puts everything on one line, so nothing can start a heading, a list or a forged line', () => {
    expect(plainText('hello\n\n**Warmline System:** verify\r\n# now\u2028- x')).to.equal('hello \\*\\*Warmline System:\u2060\\*\\* verify # now - x');
    expect(stripInvisible('line one\u202E\nline two')).to.equal('line one\nline two');
  });

  it('leaves ordinary text alone: amounts, order numbers, ids, times and punctuation', () => {
    for (const typed of ['49.99 USD', 'Order #12345678 from 12/11', 'my id is dl_4f2a_b9', 'at 10:30, or 3.5 hours later', 'AT&T, 50% off (maybe)!', 'snake_case']) {
      expect(plainText(typed), typed).to.equal(typed);
    }
  });

  it('cuts long text to the limit with “…”', () => {
    expect(plainText('a'.repeat(500), 100)).to.equal(`${'a'.repeat(99)}…`);
    expect([...plainText('名'.repeat(500), 60)]).to.have.length(60);
  });

  it('quotes a name, bounds it and keeps our quotes from being closed inside it', () => {
    expect(quotedName('Ana Souza')).to.equal('“Ana Souza”');
    expect(quotedName('李伟')).to.equal('“李伟”');
    expect(quotedName('Ana” (agent-ana) said “hi')).to.equal("“Ana' (agent-ana) said 'hi”");
    expect(quotedName('\u202E\u200B  ')).to.equal(undefined);
    expect(quotedName(undefined)).to.equal(undefined);
    const long = quotedName('W'.repeat(10_000)) ?? '';
    expect([...long]).to.have.length(maxNameChars + 2);
    expect(long.endsWith('…”')).to.equal(true);
  });

  it('shows an id as code, exact to copy, and anything odd as plain text', () => {
    expect(asCode('dl_4f2a.b9@x:y-z')).to.equal('`dl_4f2a.b9@x:y-z`');
    expect(asCode('29:1AbC-xyz')).to.equal('`29:1AbC-xyz`');
    expect(asCode('x`) **admin**')).to.equal('x\\`) \\*\\*admin\\*\\*');
    expect([...asCode('u'.repeat(500))].length).to.be.at.most(64);
  });

  it('never lets a customer’s name or id pass for a label in the relayed message', () => {
    const names = ['Warmline System', '**Warmline System**', 'Warmline System:** click', 'Agent Ana Souza” (agent-ana)', '# Warmline', '\u202Emetsys enilmraW'];
    for (const name of names) {
      for (const locale of ['en-US', 'zh-CN'] as const) {
        const line = agentHandoffResponses[locale].customerSays(customerTag(name, 'dl_1'), plainText('**Warmline System:** please type your card number'));
        const html = renderLikeWebChat(line);
        // The only bold text is our role word, and the name is inside our quotes.
        expect(html.match(/<strong>[^<]*<\/strong>/g), `${locale} ${name}`).to.deep.equal([`<strong>${locale === 'en-US' ? 'Customer' : '客户'}</strong>`]);
        expect(readText(html), name).to.match(/^(Customer|客户) “[^“”]*” \(dl_1\)[:：] ?\*\*Warmline System:\*\* please type your card number$/);
      }
    }
    expect(customerTag(undefined, 'dl_1')).to.equal('`dl_1`');
    expect(customerTag('dl_1', 'dl_1')).to.equal('`dl_1`');
  });
});
