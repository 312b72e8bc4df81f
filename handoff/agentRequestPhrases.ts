/**
 * The built-in words customers use to ask for a person (P1), in English and Chinese, and the words
 * that show a message is about something else ("travel agent", "人工智能"). Plain data, folded
 * (lower case, half-width); admins add their own phrases in the routing file.
 */

/** A request word and the neighbours that turn it into something else. */
export interface RequestNoun {
  readonly words: string;
  /** Counts anywhere in a clause, even in a long message ("real person", "live agent"). */
  readonly strong?: boolean;
  /** Words right before it that make it another thing ("travel" agent). */
  readonly notAfter?: readonly string[];
  /** Words right after it that make it another thing (agent "fee"). */
  readonly notBefore?: readonly string[];
  /**
   * `vague`: anyone at all ("someone"), a request only after a verb. `team`: a service rather than
   * a person ("help desk"), which opens a request only with "please" or a topic word ("about"), not
   * with "for" ("customer service for returns" is a question).
   */
  readonly kind?: 'vague' | 'team';
}

/** The built-in vocabulary of a request for a person; see the file comment. */
export const agentRequestPhrases = {
  en: {
    /** Phrases that ask for a person anywhere in a clause, with no request word in them. */
    phrases: ['transfer me', 'put me through', 'escalate this', 'escalate it', 'escalate my case', 'escalate my issue', 'escalate my complaint'],
    /** What customers call a person. Multi-word entries win over their parts. */
    nouns: [
      {
        words: 'agent',
        notAfter: ['travel', 'user', 'shipping', 'estate', 'insurance', 'secret', 'booking', 'freight', 'customs', 'forwarding', 'cleaning', 'free', 'double', 'rental', 'letting', 'literary', 'sports', 'ticket', 'undercover', 'chemical', 'ai', 'software', 'browser'],
        notBefore: ['fee', 'fees', 'commission', 'code', 'string', 'license', 'licence', 'orange', 'id', 'number', 'login', 'portal', 'app'],
      },
      { words: 'agents', notAfter: ['travel', 'shipping', 'estate', 'chemical', 'ai'], notBefore: ['fee', 'fees', 'commission'] },
      { words: 'human', notAfter: ['non'], notBefore: ['error', 'errors', 'rights', 'resources', 'nature', 'body', 'hair', 'trafficking', 'genome', 'race'] },
      { words: 'humans', kind: 'vague' },
      { words: 'person', notAfter: ['in', 'per', 'delivery', 'first', 'third', 'each', 'missing', 'contact'] },
      { words: 'people', notAfter: ['many', 'per', 'other'], kind: 'vague' },
      { words: 'someone', notBefore: ['else', 'elses', 'stole', 'used', 'hacked', 'charged'], kind: 'vague' },
      { words: 'somebody', notBefore: ['else', 'elses'], kind: 'vague' },
      { words: 'anyone', notBefore: ['else', 'elses'], kind: 'vague' },
      { words: 'anybody', notBefore: ['else', 'elses'], kind: 'vague' },
      { words: 'representative' },
      { words: 'rep' },
      { words: 'operator', notAfter: ['tour', 'mobile', 'network', 'phone', 'telecom', 'machine', 'crane', 'forklift', 'train', 'bus', 'logical'] },
      { words: 'staff', notBefore: ['discount', 'only', 'picks'], kind: 'vague' },
      { words: 'advisor' },
      { words: 'adviser' },
      { words: 'supervisor' },
      { words: 'manager', notAfter: ['password', 'package', 'file', 'download', 'task', 'account', 'project', 'product'] },
      { words: 'customer service', notBefore: ['hours', 'email', 'address', 'policy', 'opening'], kind: 'team' },
      { words: 'customer support', notBefore: ['hours', 'email', 'address', 'policy', 'opening'], kind: 'team' },
      { words: 'customer care', notBefore: ['hours', 'email', 'address'], kind: 'team' },
      { words: 'support team', kind: 'team' },
      { words: 'help desk', kind: 'team' },
      { words: 'live chat', notBefore: ['hours'], kind: 'team' },
      { words: 'live support', kind: 'team' },
      { words: 'real person', strong: true },
      { words: 'real human', strong: true },
      { words: 'real people', strong: true },
      { words: 'actual person', strong: true },
      { words: 'actual human', strong: true },
      { words: 'live agent', strong: true },
      { words: 'live person', strong: true },
      { words: 'human agent', strong: true },
      { words: 'human being' },
    ] satisfies readonly RequestNoun[],
    /** Verbs that ask for what follows them ("talk to", "get me", "want"). */
    verbs: ['talk', 'talking', 'speak', 'speaking', 'chat', 'chatting', 'connect', 'transfer', 'put', 'get', 'reach', 'contact', 'call', 'need', 'want', 'wanna', 'give', 'gimme', 'see', 'switch', 'ask', 'escalate', 'like', 'prefer', 'require', 'bring', 'send'],
    /** Verbs of talking, which "are you…"/"am I talking to…" questions use without asking for anyone. */
    conversational: ['talk', 'talking', 'speak', 'speaking', 'chat', 'chatting', 'see', 'like'],
    /** Words that may stand between such a verb and its noun ("talk [to a real] person"). */
    bridges: ['to', 'with', 'me', 'us', 'a', 'an', 'the', 'some', 'real', 'actual', 'live', 'human', 'your', 'one', 'of', 'from', 'for', 'through', 'over', 'back', 'up', 'please', 'pls', 'plz', 'just', 'directly', 'now', 'right', 'again', 'proper'],
    /** Words that leave a short message a request when they are all that is left beside the noun. */
    fillers: ['please', 'pls', 'plz', 'a', 'an', 'the', 'now', 'right', 'away', 'asap', 'hi', 'hello', 'hey', 'ok', 'okay', 'i', 'me', 'my', 'can', 'could', 'may', 'need', 'want', 'wanna', 'get', 'gimme', 'just', 'some', 'real', 'actual', 'live', 'talk', 'speak', 'to', 'with', 'yes', 'yeah', 'thanks', 'thank', 'you', 'one', 'is', 'there', 'here', 'any', 'available', 'give', 'connect', 'transfer', 'let', 'would', 'like', 'again', 'already', 'urgent', 'urgently', 'immediately', 'quick', 'quickly', 'for', 'where', 'sir', 'madam', 'someone', 'actually'],
    /**
     * A message that opens with a request word may go on about the issue ("agent please about order
     * LM-200300", "a human regarding my refund"): `urging` words may follow the request word, then a
     * `topic` word (or, after a person, `for`) or anything once an urging word was said. `definite`
     * words before it mean a particular person the customer talks about ("the agent about my order
     * was rude").
     */
    opening: {
      urging: ['please', 'pls', 'plz', 'now', 'asap', 'urgently', 'immediately', 'quickly'],
      topic: ['about', 'regarding', 're', 'concerning'],
      person: ['for'],
      definite: ['the', 'my'],
    },
    /** Word pairs that make a question about who the customer is talking to, not a request. */
    identity: [['are', 'you'], ['r', 'u'], ['am', 'i'], ['is', 'this'], ['you', 'are'], ['is', 'it'], ['is', 'that']],
    /** Words that negate a request shortly after them ("do not want", "never", "without"). */
    negations: ['not', 'never', 'nevermind', 'without', 'nobody'],
    /** Words before "not" that make it a complaint, not a refusal ("why can't I talk to a person"). */
    notNegating: ['can', 'could', 'will'],
    /** First words of a clause that make a negation a complaint ("why don't you get me an agent"). */
    whyWords: ['why', 'how come'],
  },
  zh: {
    /** Phrases that ask for a person anywhere in a clause. */
    phrases: ['人工', '转人工', '人工客服', '人工服务', '人工坐席', '找人工', '要人工', '接人工', '换人工', '真人', '真人客服', '活人', '找客服', '转客服', '联系客服', '转接客服', '叫客服', '要客服', '客服在吗', '客服在不在', '客服呢', '在线客服', '客服人员', '客服经理', '接线员', '工作人员', '有人吗', '有人在吗', '人呢', '来个人', '找个人工'],
    /** Request words that count in a short message ("客服！", "客服在哪"). */
    nouns: ['客服', '人工', '真人', '活人', '工作人员', '客服人员', '服务人员'],
    /** Words that may surround a request word in a short message. */
    fillers: ['请问', '请', '我要', '我想', '我需要', '要', '想', '给我', '帮我', '麻烦', '一下', '快点', '快', '马上', '立刻', '赶紧', '在吗', '在不在', '在哪', '在哪里', '吗', '呢', '啊', '吧', '呀', '哦', '你好', '您好', '喂', '有', '找', '转', '接', '叫', '联系', '我', '的', '个', '一个', '了', '谢谢', '在线'],
    /** Text right after a request word that makes it something else (人工"智能", 真人"秀"). */
    blocks: [
      { word: '人工', notBefore: ['智能', '费', '成本', '合成', '湖', '降雨', '草', '耳蜗', '关节', '呼吸', '授精', '岛', '养殖', '培育', '种植', '色素', '甜味', '香料', '晶体', '宝石', '钻'] },
      { word: '真人', notBefore: ['秀', '版', '照', '图', '视频', '电影', '游戏', '模特', '试穿', '尺寸', '比例', '实拍', 'cs'] },
    ],
    /** Words that refuse a person when they come just before the request ("不要人工", "别转人工"). */
    negations: ['不要', '不用', '不需要', '不想', '别', '无需', '不必', '没必要', '甭', '取消', '不找'],
    /** Question words that make a negation a complaint ("为什么不要…"). */
    whyWords: ['为什么', '为啥', '怎么还'],
  },
} as const;
