import { expect } from 'chai';
import { renderMarkdown } from '../../../web/shared/markdown';

/** The Markdown the studio's preview and the agent's transcript show: as Web Chat renders it, never raw HTML. */
describe('web/shared/markdown', () => {
  it('renders emphasis, lists and paragraphs as Web Chat does', () => {
    const html = renderMarkdown('Open **My Orders**: *Shipped* soon.\n\n- one\n- two');
    expect(html).to.contain('<strong>My Orders</strong>').and.contain('<em>Shipped</em>').and.contain('<li>one</li>');
    expect(html).not.to.contain('**');
  });

  it('shows HTML in the text as text, so nothing typed or sent can run', () => {
    const html = renderMarkdown('Thanks <b>a lot</b> <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.to.match(/<(b|script|img)\b/);
    expect(html).to.contain('&lt;b&gt;a lot&lt;/b&gt;').and.contain('&lt;script&gt;');
  });

  it('opens links in a new tab without the opener, and turns images into links', () => {
    const html = renderMarkdown('See [the policy](https://lumenco.example/returns) or lumenco.example/help ![box](https://lumenco.example/box.png)');
    expect(html).to.contain('<a href="https://lumenco.example/returns" target="_blank" rel="noopener noreferrer">the policy</a>');
    expect(html).to.contain('<a href="https://lumenco.example/box.png" target="_blank" rel="noopener noreferrer">box</a>');
    expect(html).not.to.contain('<img');
  });

  it('refuses script links', () => {
    const html = renderMarkdown('[click](javascript:alert(1))');
    expect(html).not.to.contain('href="javascript:');
  });
});
