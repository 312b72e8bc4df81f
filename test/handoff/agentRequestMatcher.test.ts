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
  describe('the examples of issue 14: a customer who asks for a person is handed over in that turn', () => {
    it('hears the five requests of the issue', () => {
      const requests = ['agent please about order LM-200300', 'is there a human I can chat with', 'can a real person help', '有没有人工', '帮我转个真人'];
      expect(wrong(requests, true)).to.deep.equal([]);
    });

    it('does not hear the four ordinary questions of the issue', () => {
      const others = ['how do I become a travel agent', '人工智能是什么', 'can someone else collect my parcel', 'what are your customer service hours'];
      expect(wrong(others, false)).to.deep.equal([]);
    });
  });

  describe('English requests the way customers write them', () => {
    it('hears a person asked to act, a contact verb before a team, and a named department', () => {
      const requests = [
        'could a supervisor phone me tomorrow',
        'may an agent review my claim',
        'have somebody email me',
        'let a human handle my complaint',
        'can someone help me',
        'please reach out to support',
        'chat to the warranty department',
        'complaints team please',
        'can I be connected to a specialist',
        'requesting an operator',
      ];
      expect(wrong(requests, true)).to.deep.equal([]);
    });

    it('hears a request word with one typo, a swear word in the way, or "2" for "to"', () => {
      const requests = ['speak to a humen', 'conect me to an agnt', 'i want a supervisr', 'get me a bloody manager', 'put me through to a goddamn person', 'chat 2 a human'];
      expect(wrong(requests, true)).to.deep.equal([]);
    });

    it('does not take a look-alike word, anyone at all asked for something else, or a question of procedure as a request', () => {
      const others = [
        'how do I manage my subscription',
        'is this a humane trap',
        'can someone help me choose a size for my son',
        'find someone to install the shelves',
        'looks like somebody returned it already',
        'do I have to call customer support to get a refund',
        'should I speak to an agent before I book',
        'could a person under 18 open an account',
        'my manager should check the invoice',
        'the support team will contact me',
        'I need support for my old phone',
        'we are a team of five, any group discount',
      ];
      expect(wrong(others, false)).to.deep.equal([]);
    });
  });

  describe('Chinese requests the way customers write them', () => {
    it('hears a verb before the person asked for, talking with a person, and a call back asked for', () => {
      const requests = ['叫你们店长出来', '帮我联系一下你们的主管', '我要跟你们售后说', '和活人聊两句', '请让人给我回电话', '转接一位专员', '找个会说英语的人'];
      expect(wrong(requests, true)).to.deep.equal([]);
    });

    it('hears a short call into the room and refusing the bot', () => {
      expect(wrong(['有没有人啊', '有人在线没有', '没人管吗', '别让机器人回复我', '不想跟自动回复说话'], true)).to.deep.equal([]);
    });

    it('does not hear a mention of staff, the service, its hours or number, past talk, or who is answering', () => {
      const others = [
        '客服答应给我补发',
        '客服电话打不通怎么办',
        '人工客服上班时间',
        '我已经跟客服说了地址',
        '店长推荐的款式还有吗',
        '工作人员把我的包裹放错了',
        '你是人工吗',
        '退款是人工处理的吗',
        '让人很失望的质量',
        '扫地机器人不转了',
      ];
      expect(wrong(others, false)).to.deep.equal([]);
    });

    it('hears "还是" as "rather", not as "is"', () => {
      expect(matcher.matches('我还是找人工吧')).to.equal(true);
    });
  });
});
