/**
 * The built-in words customers use to withdraw a request for a person ("never mind", "算了"), and
 * the words that may stand beside them in a short message. Plain data, folded (lower case,
 * half-width); admins add their own phrases in the routing file.
 */

/** The built-in vocabulary of "never mind"; see the file comment. */
export const cancelRequestPhrases = {
  en: {
    /** Phrases that withdraw the request (contractions spelled out, as messages are read). */
    phrases: ['never mind', 'nevermind', 'forget it', 'forget about it', 'forget that', 'cancel', 'no thanks', 'no thank you', 'not anymore', 'no need', 'no longer needed', 'i changed my mind', 'changed my mind', 'do not bother', 'it is fine', 'it is ok', 'it is okay', 'all good', 'i am fine', 'i figured it out', 'i got it', 'i will wait for the bot', 'i will stay with the bot', 'stop the transfer', 'stop waiting'],
    /** Words that may stand beside such a phrase without changing what it means. */
    fillers: ['please', 'thanks', 'thank', 'you', 'ok', 'okay', 'oh', 'ah', 'actually', 'then', 'anyway', 'anymore', 'just', 'now', 'sorry', 'that', 'this', 'it', 'the', 'a', 'my', 'request', 'transfer', 'handoff', 'agent', 'human', 'person', 'call', 'callback', 'i', 'will', 'wait', 'for', 'bot', 'all', 'good', 'fine', 'after', 'keep', 'chatting', 'with', 'here', 'instead', 'yes', 'yeah', 'well', 'hmm', 'no'],
  },
  zh: {
    /** Phrases that withdraw the request. */
    phrases: ['算了', '不用了', '取消', '不需要了', '不要了', '没事了', '没事', '不用', '不需要', '先不用', '不转了', '不用转了', '不找了', '不麻烦了', '没关系', '罢了', '拉倒', '不等了', '我自己来', '我自己看看', '已经解决了', '解决了'],
    /** Words that may stand beside such a phrase without changing what it means. */
    fillers: ['吧', '了', '啊', '呀', '哦', '噢', '嗯', '唉', '哎', '好的', '好', '谢谢', '谢了', '我', '先', '那', '就', '转人工', '人工', '客服', '请', '你', '一下', '等等', '还是', '机器人', '吗', '呢', '啦', '的', '哈'],
  },
} as const;
