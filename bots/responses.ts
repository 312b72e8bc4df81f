/**
 * Everything the bot itself says to a customer, in every supported locale. Keeping the wording here
 * (not inline in handlers) lets the compiler check that each message exists in each language.
 */
import type { SupportedLocale } from '../locale/locale';

/** The bot's own messages in one language. */
export interface BotResponses {
  welcome: string;
  turnError: string;
  /** The apology when the store failed: the message was not saved, so the usual one would not be true. */
  storageError: string;
  tooLong: (limit: number) => string;
  nonText: string;
}

/** The bot's messages by locale. */
export const botResponses: Readonly<Record<SupportedLocale, BotResponses>> = {
  'en-US': {
    welcome:
      "Hi, I'm Warmline, the store's assistant. Ask me anything about orders, delivery, returns or your account. " +
      'If you would rather talk to a person, just say "agent" at any time.',
    turnError:
      "Sorry, something went wrong on our side and I couldn't finish that. Your message is saved. " +
      'Please try again, or say "agent" and I\'ll get you a person.',
    storageError:
      "Sorry, our system is having trouble right now and your message didn't reach us. " +
      'Please try again in a few minutes. If you would like a person, say "agent" then and I\'ll get you one.',
    tooLong: (limit) => `That message is longer than I can read (${limit} characters at most). Could you shorten it, or split it into a few messages?`,
    nonText: "I can only read text messages for now. Could you type your question?",
  },
  'zh-CN': {
    welcome: '您好，我是商店的智能助手 Warmline。订单、配送、退换货、账户等问题都可以问我。如果您想和人工客服沟通，随时输入“人工”即可。',
    turnError: '抱歉，我们这边出了点问题，刚才没能完成您的请求。您的消息已保存。请再试一次，或输入“人工”，我为您转接人工客服。',
    storageError: '抱歉，我们的系统暂时出了故障，您的消息没有送达。请过几分钟再试一次；如果您需要人工客服，届时输入“人工”，我为您转接。',
    tooLong: (limit) => `这条消息太长了（最多 ${limit} 个字符）。可以缩短一些，或分成几条发送吗？`,
    nonText: '目前我只能阅读文字消息。可以把您的问题打出来吗？',
  },
};
