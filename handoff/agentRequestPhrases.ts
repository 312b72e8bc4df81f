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
  /** Asks for a person only after a verb of contact ("talk to support", not "get support for my phone"). */
  readonly contactOnly?: boolean;
  /** Takes one describing word before it as part of the name ("billing team", "claims department"). */
  readonly modifiable?: boolean;
}

/** Words angry customers put before the person they ask for ("get me a damn human"). */
const swearing = ['damn', 'damned', 'freaking', 'fricking', 'frigging', 'effing', 'fucking', 'bloody', 'goddamn', 'stupid'] as const;

/** The built-in vocabulary of a request for a person; see the file comment. */
export const agentRequestPhrases = {
  en: {
    /** Phrases that ask for a person anywhere in a clause, with no request word in them. */
    phrases: [
      'transfer me', 'put me through', 'escalate this', 'escalate it', 'escalate my case', 'escalate my issue', 'escalate my complaint',
      'escalate my ticket', 'escalate my claim', 'escalate my request', 'escalate my problem',
      'anybody home', 'anyone home',
    ],
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
      { words: 'operator', notAfter: ['tour', 'mobile', 'network', 'phone', 'telecom', 'machine', 'crane', 'forklift', 'train', 'bus', 'logical', 'switch', 'change'] },
      { words: 'staff', notBefore: ['discount', 'only', 'picks'], kind: 'vague' },
      { words: 'staff member' },
      { words: 'specialist', kind: 'vague' },
      { words: 'expert', kind: 'vague' },
      { words: 'associate', kind: 'vague' },
      { words: 'sb', kind: 'vague' },
      { words: 'live agents', strong: true },
      { words: 'escalate', kind: 'vague' },
      { words: 'team member' },
      { words: 'boss', notAfter: ['hugo', 'final', 'level'] },
      { words: 'support', kind: 'team', contactOnly: true },
      { words: 'tech support', kind: 'team' },
      { words: 'technical support', kind: 'team' },
      { words: 'team', kind: 'team', modifiable: true, notBefore: ['viewer', 'plan', 'account', 'accounts'] },
      { words: 'department', kind: 'team', modifiable: true, notBefore: ['store'] },
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
      { words: 'human help', strong: true },
      { words: 'human support', strong: true },
      { words: 'human assistance', strong: true },
    ] satisfies readonly RequestNoun[],
    /** Verbs that ask for what follows them ("talk to", "get me", "want"). */
    verbs: [
      'talk', 'talking', 'speak', 'speaking', 'chat', 'chatting', 'connect', 'transfer', 'put', 'get', 'reach', 'contact', 'call', 'need', 'want', 'wanna', 'give', 'gimme', 'see', 'switch', 'ask', 'escalate', 'like', 'prefer', 'require', 'bring', 'send',
      'find', 'hold', 'help', 'assistance', 'transferred', 'connected', 'request', 'requesting', 'demand', 'pass', 'route', 'take',
      // Common misspellings of the verbs of talking.
      'tlk', 'tlak', 'talkk', 'speek', 'spek', 'spk', 'conect', 'tranfer', 'trasnfer',
    ],
    /** Verbs of contact, the only ones that make a `contactOnly` word a request ("talk to support"). */
    contactVerbs: ['talk', 'talking', 'speak', 'speaking', 'chat', 'chatting', 'connect', 'transfer', 'put', 'reach', 'contact', 'call', 'tlk', 'tlak', 'speek', 'conect'],
    /**
     * Request words with one typo are read as the word ("agnet", "humn", "represntative"): the
     * words below, of 5 letters or more, against a typed word of 4 or more; `notTypos` are the real
     * words one typo away ("manage" is not "manager").
     */
    typoNouns: ['agent', 'human', 'person', 'representative', 'operator', 'supervisor', 'manager', 'someone', 'somebody'],
    notTypos: ['manage', 'managed', 'humane', 'hunan', 'humans', 'agents', 'persona', 'parson', 'persons', 'operators', 'managers', 'someones'],
    /**
     * A request word after a verb of asking and before an action: "can a manager call me", "could
     * someone look at my order", "have an agent contact me". Not "does a human check…" (a question).
     * `bridges` may stand between the verb and the person, `after` between the person and the action.
     * Anyone at all (`vague`) asked to act is a request only when asked to get in touch
     * (`vagueActions`), or when nothing follows the action but `objects` ("can someone help me", not
     * "can someone help me pay my bill").
     */
    asking: {
      verbs: ['can', 'could', 'may', 'have', 'let'],
      bridges: ['a', 'an', 'the', 'some', 'one', 'of', 'your', 'ur', 'any', 'real', 'actual', 'live'],
      after: ['please', 'pls', 'plz', 'just', 'now', 'asap'],
      actions: ['reach', 'look', 'call', 'phone', 'ring', 'contact', 'help', 'check', 'review', 'handle', 'sort', 'deal', 'assist', 'answer', 'reply', 'email', 'text', 'message', 'explain', 'fix'],
      vagueActions: ['call', 'phone', 'ring', 'contact', 'email', 'text', 'message'],
      objects: ['me', 'us', 'please', 'pls', 'plz', 'now', 'asap'],
    },
    /** Verbs that do not ask for anyone at all ("find someone to fix my car", "call someone for me"). */
    notForVague: ['find', 'call', 'send', 'transferred', 'pass', 'take'],
    /** Word pairs in which the second is not a request verb ("looks like someone…"). */
    notVerbs: [['looks', 'like'], ['look', 'like'], ['seems', 'like'], ['seem', 'like'], ['sounds', 'like'], ['feels', 'like'], ['just', 'like']],
    /** Clause openings that ask whether one must, not for a person ("do I need to speak to an agent to…"). */
    procedure: ['do i need to', 'do i have to', 'should i', 'must i', 'will i need to', 'will i have to', 'do we need to', 'do we have to'],
    /** Verbs of talking, which "are you…"/"am I talking to…" questions use without asking for anyone. */
    conversational: ['talk', 'talking', 'speak', 'speaking', 'chat', 'chatting', 'see', 'like'],
    /** Words that may stand between such a verb and its noun ("talk [to a real] person"). */
    bridges: ['to', 'with', 'me', 'us', 'a', 'an', 'the', 'some', 'real', 'actual', 'live', 'human', 'your', 'one', 'of', 'from', 'for', 'through', 'over', 'back', 'up', 'please', 'pls', 'plz', 'just', 'directly', 'now', 'right', 'again', 'proper', 'out', '2', 'w', 'ur', 'u', ...swearing],
    /** Words that leave a short message a request when they are all that is left beside the noun. */
    fillers: ['please', 'pls', 'plz', 'a', 'an', 'the', 'now', 'right', 'away', 'asap', 'hi', 'hello', 'hey', 'ok', 'okay', 'i', 'me', 'my', 'can', 'could', 'may', 'need', 'want', 'wanna', 'get', 'gimme', 'just', 'some', 'real', 'actual', 'live', 'talk', 'speak', 'to', 'with', 'yes', 'yeah', 'thanks', 'thank', 'you', 'one', 'is', 'there', 'here', 'any', 'available', 'give', 'connect', 'transfer', 'let', 'would', 'like', 'again', 'already', 'urgent', 'urgently', 'immediately', 'quick', 'quickly', 'for', 'where', 'sir', 'madam', 'someone', 'actually', 'help', 'chat', 'needed', 'only', 'are', ...swearing],
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
    phrases: [
      '人工', '转人工', '人工客服', '人工服务', '人工坐席', '找人工', '要人工', '接人工', '换人工', '真人', '真人客服', '活人', '客服在吗', '客服在不在', '客服呢',
      '有人吗', '有人在吗', '人呢', '来个人', '找个人', '叫个人', '换个人', '找个人工', '有没有人在', '有人在线', '没人吗', '没人在吗', '没人理',
      '有人能帮', '有没有人能帮', '有人可以帮', '有没有人管', '没人管',
    ],
    /** Who customers ask for: a request after a verb (`verbs`), beside "跟…说" (`withWords`), or in a short message. */
    nouns: [
      '客服', '人工', '真人', '活人', '工作人员', '客服人员', '服务人员', '人工客服', '在线客服', '售后', '售后客服', '客服经理', '值班经理', '经理', '主管', '领导', '负责人',
      '老板', '店长', '掌柜', '上级', '专员', '专人', '接线员', '坐席', '客服部', '客服部门', '投诉部门', '售后部门', '员工', '销售', '技术支持', '客服小姐姐', '客服小哥哥',
    ],
    /** Words that ask for the person named right after them ("找你们经理", "叫客服", "请工作人员…"). */
    verbs: ['找', '叫', '要', '联系', '转', '转接', '接', '接通', '咨询', '换', '请', '让', '安排', '喊', '见', '求', '要求', '需要', '给我', '来个', '来一个', '来位'],
    /** Words that may stand between such a verb and the person ("找你们的经理", "换个人工客服"). */
    modifiers: ['你们的', '你们', '您们的', '您们', '你家', '贵司', '贵公司', '一个', '一位', '个', '位', '一下', '下', '真正的', '在线', '专门的'],
    /** "跟/和 … 说": talking with a person ("我要跟你们负责人说", "和真人聊"); `people` may stand there too. */
    withWords: ['跟', '和', '同', '与'],
    talkVerbs: ['说话', '说', '讲', '聊', '谈', '沟通', '通话', '对话', '反映', '交流'],
    people: ['人', '真正的人'],
    /** A person described before 的 ("跟懂行的人说", "找个能做主的人"): at most this many characters. */
    describedMax: 6,
    /** Verbs that ask for a described person ("找个能解决问题的人"). */
    describedVerbs: ['找个', '叫个', '来个', '换个', '派个'],
    /** "让人联系我": someone asked to call back, with `callers` before and `callbacks` after. */
    callers: ['让', '请', '叫', '安排'],
    callbacks: ['联系我', '给我打电话', '打电话给我', '给我回电话', '给我回个电话', '回电话', '回个电话', '打给我', '回复我'],
    /** Words besides `nouns` that count in a short message ("有人在线吗", "没人吗"). */
    shortNouns: ['有人', '没人', '有没有人', '来人'],
    /** Words that may surround a request word in a short message. */
    fillers: [
      '请问', '请', '我要', '我想', '我需要', '要', '想', '给我', '帮我', '麻烦', '一下', '快点', '快', '马上', '立刻', '赶紧', '在吗', '在不在', '在哪', '在哪里', '吗', '呢', '啊', '吧', '呀', '哦',
      '你好', '您好', '喂', '有', '找', '转', '接', '叫', '联系', '我', '的', '个', '一个', '了', '谢谢', '在线', '在', '你们', '您们', '出来', '来', '见', '跟', '和', '说', '说话', '聊', '讲',
      '有没有', '没有', '回复', '处理', '帮忙', '能', '可以', '让',
    ],
    /**
     * Text right after a request word that makes it something else (人工"智能", 真人"秀"), or a
     * mention of a particular person or of the service (客服"说", 客服"电话", 人工"审核"), or past
     * talk (跟客服说"过").
     */
    blocks: [
      { word: '人工', notBefore: ['智能', '费', '成本', '合成', '湖', '降雨', '草', '耳蜗', '关节', '呼吸', '授精', '岛', '养殖', '培育', '种植', '色素', '甜味', '香料', '晶体', '宝石', '钻', '审核', '翻译', '电话', '热线'] },
      { word: '真人', notBefore: ['秀', '版', '照', '图', '视频', '电影', '游戏', '模特', '试穿', '尺寸', '比例', '实拍', 'cs'] },
      { word: '服务', notBefore: ['电话', '热线', '时间'] },
      { word: '客服', notBefore: ['说', '告诉', '答应', '让我', '已经', '工作时间', '几点', '上班', '下班', '电话', '热线', '号码', '邮箱', '时间', '系统'] },
      { word: '说', notBefore: ['过', '了', '的'] },
      { word: '聊', notBefore: ['过', '了', '的'] },
      { word: '沟通', notBefore: ['过', '了', '的'] },
      { word: '交流', notBefore: ['过', '了', '的'] },
    ],
    /** Words right before a request word that make it a question of who answers ("你是人工吗", "审核是人工的吗"). */
    identityBefore: ['是'],
    /** Words ending in 是 that are not "is" ("还是转人工吧"). */
    notIdentityBefore: ['还是', '就是', '可是', '但是', '要是', '只是', '于是', '总是', '老是'],
    /** Refusing the bot asks for a person ("不要机器人", "别让机器人回我"): these after a negation. */
    botWords: ['机器人', '机器', '自动回复', '智能客服'],
    /** Words that refuse a person when they come just before the request ("不要人工", "别转人工"). */
    negations: ['不要', '不用', '不需要', '不想', '别', '无需', '不必', '没必要', '甭', '取消', '不找'],
    /** Question words that make a negation a complaint ("为什么不要…"). */
    whyWords: ['为什么', '为啥', '怎么还'],
  },
} as const;
