/**
 * What the resolution check says to a customer, in every supported locale: whether the issue is
 * solved, a rating of the help (CSAT), and thanks.
 */
import type { SupportedLocale } from '../locale/locale';

/** Resolution-check wording in one language. */
export interface ResolutionResponses {
  /** After a knowledge-base answer. */
  readonly askAfterAnswer: string;
  /** After a session with a person, named so the customer knows who is meant. */
  readonly askAfterAgent: (agentName: string) => string;
  readonly yes: string;
  readonly no: string;
  /** The rating question; buttons 1–5 follow it. */
  readonly askCsat: string;
  /** After a rating of 3 or more. */
  readonly thanksHigh: string;
  /** After a rating of 1 or 2 (P7: say sorry, say what happens with it). */
  readonly thanksLow: string;
  /** When the customer would rather not rate. */
  readonly thanksSkipped: string;
}

/** Resolution-check wording by locale. */
export const resolutionResponses: Readonly<Record<SupportedLocale, ResolutionResponses>> = {
  'en-US': {
    askAfterAnswer: 'Did that solve your issue?',
    askAfterAgent: (agentName) => `Is your issue resolved now that you've spoken to ${agentName}?`,
    yes: 'Yes',
    no: 'No',
    askCsat: 'How would you rate this help, from 1 (poor) to 5 (great)?',
    thanksHigh: "Thank you for rating us! I'm glad that's sorted. If there's anything else, just ask.",
    thanksLow: "Thank you for telling us. I'm sorry it wasn't better; we'll use your rating to improve. If there's anything else, just ask.",
    thanksSkipped: "No problem. I'm glad that's sorted. If there's anything else, just ask.",
  },
  'zh-CN': {
    askAfterAnswer: '这个回答解决您的问题了吗？',
    askAfterAgent: (agentName) => `和${agentName}沟通之后，您的问题解决了吗？`,
    yes: '解决了',
    no: '没解决',
    askCsat: '请为这次服务打分：1 分（很差）到 5 分（很好）。',
    thanksHigh: '感谢您的评价！很高兴问题解决了。如有其他问题，随时问我。',
    thanksLow: '感谢您的反馈。抱歉这次没有做得更好，我们会根据您的评价改进。如有其他问题，随时问我。',
    thanksSkipped: '好的。很高兴问题解决了。如有其他问题，随时问我。',
  },
};
