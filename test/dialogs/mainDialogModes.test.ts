import { expect } from 'chai';
import sinon from 'sinon';
import { WaterfallDialog } from 'botbuilder-dialogs';
import { mainDialogId } from '../../dialogs/mainDialog';
import { resolutionResponses } from '../../dialogs/resolutionResponses';
import { botHarness } from '../support/botHarness';
import type { Party } from '../support/botHarness';

const customer: Party = { userId: 'user1', conversationId: 'conv1', channelId: 'directline' };

describe('MainDialog: each mode begins its own dialog', () => {
  afterEach(() => sinon.restore());

  it('answers a question without beginning a routing step first', async () => {
    const begun: string[] = [];
    const original = WaterfallDialog.prototype.beginDialog;
    sinon.stub(WaterfallDialog.prototype, 'beginDialog').callsFake(function (this: WaterfallDialog, ...args: Parameters<WaterfallDialog['beginDialog']>) {
      begun.push(this.id);
      return original.apply(this, args);
    });
    const h = botHarness({ flows: 'none' });
    const sent = await h.say(customer, 'How do I reset my password?');
    expect(sent.all('conv1')).to.contain(resolutionResponses['en-US'].askAfterAnswer);
    expect(begun[0]).to.equal(`${mainDialogId}.question`);
    expect(begun).to.not.include(`${mainDialogId}.route`);
  });
});
