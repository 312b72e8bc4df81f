/**
 * What the dialogs say to a customer, in every supported locale.
 */
import type { SupportedLocale } from '../locale/locale';

/** Dialog wording in one language. */
export interface DialogResponses {
  /** Introduces the "Did you mean…?" choices. */
  didYouMean: string;
  /** The choice that says none of the suggestions fits. */
  noneOfThese: string;
  /** When the knowledge base has no answer (P7: say so plainly, apologise, say what happens next). */
  noMatch: string;
  /** After "None of these". */
  noneChosen: string;
  /** Before offering a person, by why (P7: say plainly that the bot failed, apologise). */
  offerIntro: Readonly<Record<'frustration' | 'not-resolved' | 'repeated-no-match' | 'priority-tier' | 'other', string>>;
  /** The offer itself. */
  offerPerson: string;
  offerYes: string;
  offerNo: string;
  /** The customer declined a person. */
  personDeclined: string;
  /** The answer did not solve it: try once more. */
  tryAgain: string;
}

/** Dialog wording by locale. */
export const dialogResponses: Readonly<Record<SupportedLocale, DialogResponses>> = {
  'en-US': {
    didYouMean: 'I want to make sure I answer the right question. Did you mean one of these?',
    noneOfThese: 'None of these',
    noMatch:
      "Sorry, I don't have an answer for that yet. Could you put it another way? " +
      'If you\'d rather talk to a person, say "agent". I\'ve noted your question so we can improve.',
    noneChosen:
      "Sorry I couldn't find the right answer. Could you tell me a bit more, in other words? " +
      'Or say "agent" and a person will help. I\'ve noted your question so we can improve.',
    offerIntro: {
      frustration: "I'm sorry this has been frustrating, and that I haven't been able to sort it out.",
      'not-resolved': "I'm sorry that still hasn't solved it.",
      'repeated-no-match': "I'm sorry, I'm not finding the answer you need.",
      'priority-tier': "I'm sorry I don't have that answer. As a valued customer, you can go straight to a person.",
      other: "I'm sorry I couldn't help with that.",
    },
    offerPerson: 'Would you like me to connect you with a person? I\'ll pass on everything you\'ve told me.',
    offerYes: 'Yes, a person please',
    offerNo: 'No, thanks',
    personDeclined: 'All right. Ask me anything else, and if you change your mind just say "agent".',
    tryAgain: 'Sorry that didn\'t solve it. Could you tell me a bit more about what\'s happening, in other words? Or say "agent" and a person will help.',
  },
  'zh-CN': {
    didYouMean: '为了准确回答您，想确认一下：您是想问下面哪个问题？',
    noneOfThese: '都不是',
    noMatch: '抱歉，这个问题我暂时还回答不了。可以换个说法再问一次吗？如果想找人工客服，输入“人工”即可。您的问题我们已记录，会用来改进。',
    noneChosen: '抱歉没能找到合适的答案。能换个说法再描述一下吗？或者输入“人工”，由人工客服为您处理。您的问题我们已记录，会用来改进。',
    offerIntro: {
      frustration: '非常抱歉给您带来了困扰，我没能帮您解决这个问题。',
      'not-resolved': '抱歉，问题还是没有解决。',
      'repeated-no-match': '抱歉，我没能找到您需要的答案。',
      'priority-tier': '抱歉，这个问题我暂时回答不了。作为我们的重要客户，您可以直接联系人工客服。',
      other: '抱歉，这个问题我没能帮上忙。',
    },
    offerPerson: '需要为您转接人工客服吗？您说过的内容我会一并转交。',
    offerYes: '好的，转人工',
    offerNo: '不用了',
    personDeclined: '好的。还有其他问题随时问我；如果改变主意，输入“人工”即可。',
    tryAgain: '抱歉没能解决您的问题。能换个说法，再详细描述一下遇到的情况吗？或者输入“人工”，由人工客服为您处理。',
  },
};
