/**
 * What the bot says when no person can take the conversation now (P8): why, honestly, and the offer
 * to take a message or book a callback, in every supported locale.
 */
import type { CallbackTimeProblem } from '../handoff/callbackTime';
import type { SupportedLocale } from '../locale/locale';

/** Contact-request wording in one language. */
export interface ContactResponses {
  /** The queue is closed; `reopens` is the formatted next opening, when known. */
  readonly closed: (queueName: string, reopens: string | undefined) => string;
  /** Open, but no person is signed in and available. */
  readonly noAgent: (queueName: string) => string;
  /** The customer waited too long (P7: apologise). */
  readonly timeout: (queueName: string) => string;
  /** The contact centre could not take the conversation (P7: apologise). */
  readonly hubFailed: (queueName: string) => string;
  /** The reason followed by the offer of a message or a callback. */
  readonly offer: (reason: string) => string;
  readonly leaveMessage: string;
  readonly bookCallback: string;
  readonly noThanks: string;
  /** After "No thanks". */
  readonly declined: string;
  readonly askMessage: string;
  /** The message confirmed back (as it is kept: masked). */
  readonly messageTaken: (message: string) => string;
  /** Asks when to call, with an example in the customer's language and the zone the time is read in. */
  readonly askWhen: (timeZone: string) => string;
  /** Asks again, saying what was wrong with the time. */
  readonly whenAgain: Readonly<Record<CallbackTimeProblem, string>>;
  /** A second time could not be used either. */
  readonly whenGaveUp: string;
  /** Offers the number on file, masked to its last digits ("•••123"). */
  readonly useKnownPhone: (maskedPhone: string) => string;
  readonly yes: string;
  readonly no: string;
  readonly askPhone: string;
  readonly phoneAgain: string;
  readonly phoneGaveUp: string;
  /** The callback confirmed back: when and the masked number. */
  readonly callbackBooked: (when: string, maskedPhone: string) => string;
}

/** Contact-request wording by locale. */
export const contactResponses: Readonly<Record<SupportedLocale, ContactResponses>> = {
  'en-US': {
    closed: (queue, reopens) =>
      reopens ? `Our ${queue} team is closed right now. They're back on ${reopens}.` : `Our ${queue} team is closed right now.`,
    noAgent: (queue) => `Nobody from our ${queue} team is available right now, so I can't connect you to a person straight away.`,
    timeout: (queue) => `I'm sorry you've waited so long. Nobody from our ${queue} team has been able to pick up your chat yet.`,
    hubFailed: (queue) => `I'm sorry, I couldn't reach our ${queue} team just now.`,
    offer: (reason) => `${reason} Rather than wait, I can take a message for the team or book a call back at a time that suits you. Which would you prefer?`,
    leaveMessage: 'Leave a message',
    bookCallback: 'Book a callback',
    noThanks: 'No thanks',
    declined: "All right. I'm still here to help with anything else.",
    askMessage: 'What would you like us to know? A person will reply here as soon as they can.',
    messageTaken: (message) => `Thank you, I've passed this on to the team: "${message}". A person will reply here as soon as they can.`,
    askWhen: (zone) => `When would you like us to call you? For example, "tomorrow at 3pm" or "Friday 10am" (${zone} time).`,
    whenAgain: {
      'not-understood': 'Sorry, I need a day and a time for the call. Could you write it like "tomorrow at 3pm"?',
      past: 'That time has already passed. When else would suit you?',
      'too-far': 'We can book calls up to 14 days ahead. Could you choose a sooner time?',
    },
    whenGaveUp: "Sorry, I couldn't work out a time for the call. You can leave a message instead, or ask me anything else.",
    useKnownPhone: (masked) => `Shall we call you on ${masked}?`,
    yes: 'Yes',
    no: 'No, another number',
    askPhone: 'What number should we call? Please include the country code if you are abroad.',
    phoneAgain: "Sorry, that doesn't look like a phone number. Could you type it again, digits only?",
    phoneGaveUp: "Sorry, I couldn't read a phone number. You can leave a message instead, or ask me anything else.",
    callbackBooked: (when, masked) => `Booked: we'll call ${masked} on ${when}. If you need anything before then, just ask.`,
  },
  'zh-CN': {
    closed: (queue, reopens) => (reopens ? `${queue}目前不在服务时间，将于${reopens}恢复服务。` : `${queue}目前不在服务时间。`),
    noAgent: (queue) => `${queue}目前没有客服人员在线，暂时无法为您转接人工。`,
    timeout: (queue) => `非常抱歉让您久等了。${queue}的客服人员还没能接入您的对话。`,
    hubFailed: (queue) => `非常抱歉，暂时没能联系上${queue}的客服人员。`,
    offer: (reason) => `${reason}您不必一直等待：我可以帮您给客服留言，或者按您方便的时间预约电话回拨。您想选哪一种？`,
    leaveMessage: '留言',
    bookCallback: '预约回电',
    noThanks: '不用了',
    declined: '好的。还有其他问题，随时问我。',
    askMessage: '请告诉我们您想说的内容，客服人员会尽快在这里回复您。',
    messageTaken: (message) => `谢谢，您的留言已转交客服：“${message}”。客服人员会尽快在这里回复您。`,
    askWhen: (zone) => `您希望我们什么时候给您回电？例如“明天下午三点”或“周五上午10点”（按 ${zone} 时间）。`,
    whenAgain: {
      'not-understood': '抱歉，回电需要具体的日期和时间。可以按“明天下午三点”这样的格式再说一次吗？',
      past: '这个时间已经过去了。您看其他什么时间方便？',
      'too-far': '回电最多只能预约 14 天以内的时间。可以选一个更近的时间吗？',
    },
    whenGaveUp: '抱歉，我没能确定回电时间。您可以改为留言，或者问我其他问题。',
    useKnownPhone: (masked) => `我们拨打您的号码 ${masked} 可以吗？`,
    yes: '可以',
    no: '换一个号码',
    askPhone: '请问我们拨打哪个号码？如果在国外，请加上国家代码。',
    phoneAgain: '抱歉，这看起来不像电话号码。可以只输入数字再试一次吗？',
    phoneGaveUp: '抱歉，我没能识别出电话号码。您可以改为留言，或者问我其他问题。',
    callbackBooked: (when, masked) => `已预约：我们将在${when}拨打 ${masked}。在此之前有任何需要，随时问我。`,
  },
};
