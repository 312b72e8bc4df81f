import { expect } from 'chai';
import path from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { sees, send, webChatSuite } from '../support/webChatDriver';
import { offerResponses } from '../../offers/responses';

const contentDir = path.resolve(__dirname, '..', '..', 'content');

/**
 * The "done when", in a real browser with the shipped knowledge, customers and offers: a demo
 * customer whose profile fits gets exactly one relevant offer after saying the issue is solved and
 * none when they say it is not; declining ends it; "don't show me offers" sticks across conversations.
 */
describe('offers in the local Web Chat (Chromium)', function () {
  this.timeout(120_000);
  const driver = webChatSuite({ KNOWLEDGE_DIR: path.join(contentDir, 'knowledge'), OFFERS_FILE: path.join(contentDir, 'offers.yaml') });
  const open = (locale: string, userId: string) => driver.open(locale, userId);

  const offerCards = (page: Page) => page.locator('.ac-adaptiveCard', { hasText: offerResponses['en-US'].leadIn.slice(0, 10) });

  const scripts = {
    'en-US': { user: 'customer-demo', question: 'How long will delivery take?', check: 'Did that solve your issue', yes: 'yes, thanks', no: 'not really', tryAgain: 'Could you tell me a bit more', rate: 'How would you rate', thanks: 'Thank you for rating', other: 'What does the warranty cover?' },
    'zh-CN': { user: 'customer-demo-zh', question: '快递几天能到？', check: '这个回答解决您的问题了吗', yes: '解决了', no: '还是不行', tryAgain: '能换个说法', rate: '请为这次服务打分', thanks: '感谢您的评价', other: '保修包括哪些内容？' },
  } as const;

  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`${locale}: none when not solved; exactly one relevant offer after "solved"; "No thanks" ends it`, async () => {
      const s = scripts[locale];
      const words = offerResponses[locale];
      const customer = await open(locale, s.user);
      const leadIn = customer.page.locator('.ac-adaptiveCard', { hasText: words.leadIn });

      await send(customer.page, s.question);
      await sees(customer.page, s.check);
      await send(customer.page, s.no);
      await sees(customer.page, s.tryAgain);
      expect(await leadIn.count(), 'no offer when the issue is not solved').to.equal(0);

      await send(customer.page, s.question);
      await sees(customer.page, s.check, 1);
      await send(customer.page, s.yes);
      await sees(customer.page, s.rate);
      await send(customer.page, '5');
      await leadIn.first().waitFor({ timeout: 20_000 });
      expect(await leadIn.count()).to.equal(1);
      await customer.page.screenshot({ path: path.join(tmpdir(), `warmline-offer-${locale}.png`) });

      await customer.page.getByRole('button', { name: words.decline, exact: true }).last().click();
      await sees(customer.page, words.declined.slice(0, 8));

      // Another solved issue in the same conversation: no second offer.
      await send(customer.page, s.other);
      await sees(customer.page, s.check, 2);
      await send(customer.page, s.yes);
      await sees(customer.page, s.rate, 1);
      await send(customer.page, '4');
      await sees(customer.page, s.thanks, 1);
      expect(await leadIn.count(), 'still exactly one offer').to.equal(1);
      expect(customer.errors).to.deep.equal([]);
      await customer.page.close();
    });
  }

  it('"don\'t show me offers" sticks across conversations', async () => {
    const words = offerResponses['en-US'];
    const first = await open('en-US', 'customer-vip');
    await send(first.page, "Please don't show me offers");
    await sees(first.page, words.optedOut.slice(0, 20));
    await first.page.close();

    const second = await open('en-US', 'customer-vip');
    await send(second.page, 'How long will delivery take?');
    await sees(second.page, 'Did that solve your issue');
    await send(second.page, 'yes');
    await sees(second.page, 'How would you rate');
    await send(second.page, '5');
    await sees(second.page, 'Thank you for rating');
    expect(await offerCards(second.page).count()).to.equal(0);
    const decisions = await driver.app().offerStore.decisions('customer:customer-vip');
    expect(decisions[0]?.gate.map((g) => g.reason)).to.deep.equal(['objection']);
    expect(second.errors).to.deep.equal([]);
    await second.page.close();
  });
});
