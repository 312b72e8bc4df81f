import { expect } from 'chai';
import { AgentRequestMatcher } from '../../handoff/agentRequestMatcher';

const matcher = new AgentRequestMatcher([]);

/** The messages of `table` the matcher gets wrong, so a failure names them. */
function wrong(table: readonly string[], expected: boolean): string[] {
  return table.filter((text) => matcher.matches(text) !== expected);
}

describe('AgentRequestMatcher', () => {
  describe('a message that opens with the request and goes on about the issue', () => {
    it('is a request for a person (en): a request word, "please" or a topic word, then the details', () => {
      const requests = [
        'agent please about order LM-200300',
        'Agent please about order LM-200300',
        'human pls regarding my refund',
        'a person about order LM-200300',
        'representative regarding my missing parcel',
        'agent re order LM-200300',
        'agent for order LM-200300',
        'an operator concerning my invoice',
        'supervisor now about the refund you promised',
        'agent please check order LM-200300',
        'customer service please about order LM-200300',
        'real person about my account',
      ];
      expect(wrong(requests, true)).to.deep.equal([]);
    });

    it('is a request in Chinese too, with the order number after it', () => {
      expect(wrong(['我要人工，订单 LM-200300', '人工 订单LM-200300', '转人工 关于订单 LM-200300', '客服，订单 LM-200300'], true)).to.deep.equal([]);
    });

    it('is not a request when the message only mentions someone: a particular person, anyone at all, a service, or another kind of agent', () => {
      const others = [
        'the agent about my order was rude',
        'my manager for the account says it is fine',
        'someone about my order called me',
        'people about the survey keep calling',
        'customer service for returns',
        'my travel agent about order LM-200300',
        'human error about order LM-200300',
        'does a human check order LM-200300',
        'agent fee about order LM-200300',
        'what does the agent about returns do',
        'I do not want an agent please about order LM-200300',
        'no agent please, just tell me about order LM-200300',
        'are you a human about to help me',
        'is the manager for returns in today',
      ];
      expect(wrong(others, false)).to.deep.equal([]);
    });

    it('still does not take Chinese mentions of 人工 or 客服 as a request', () => {
      expect(wrong(['人工智能推荐的订单 LM-200300', '不要人工，订单 LM-200300 到哪了', '客服电话是多少', '客服关于退货的政策是什么'], false)).to.deep.equal([]);
    });
  });
});
