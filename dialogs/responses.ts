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
  },
  'zh-CN': {
    didYouMean: '为了准确回答您，想确认一下：您是想问下面哪个问题？',
    noneOfThese: '都不是',
    noMatch: '抱歉，这个问题我暂时还回答不了。可以换个说法再问一次吗？如果想找人工客服，输入“人工”即可。您的问题我们已记录，会用来改进。',
    noneChosen: '抱歉没能找到合适的答案。能换个说法再描述一下吗？或者输入“人工”，由人工客服为您处理。您的问题我们已记录，会用来改进。',
  },
};
