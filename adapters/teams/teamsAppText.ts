/**
 * What Teams shows about the Warmline app (its name and descriptions in the app store and the
 * install dialog), in every supported language. The agent commands' descriptions come from the
 * agents' own help card, so a command reads the same in Teams' command menu and in `/help`.
 */
import type { SupportedLocale } from '../../locale/locale';

/** The app's name and descriptions in one language (Teams' limits: 30, 100, 80 and 4000 characters). */
export interface TeamsAppText {
  readonly shortName: string;
  readonly fullName: string;
  readonly shortDescription: string;
  readonly fullDescription: string;
}

/** The app's wording, per locale. */
export const teamsAppText: Readonly<Record<SupportedLocale, TeamsAppText>> = {
  'en-US': {
    shortName: 'Warmline',
    fullName: 'Warmline customer service',
    shortDescription: 'Answers customers, and hands them to a person with everything they said.',
    fullDescription:
      'Warmline answers common questions, and when a person is better it hands the customer over warmly: ' +
      'the agent sees who is waiting, why, and what was already tried, so nobody has to repeat themselves. ' +
      'Agents use it here to see the queue, accept customers, read transcripts, add notes, transfer and end conversations.',
  },
  'zh-CN': {
    shortName: 'Warmline',
    fullName: 'Warmline 客户服务',
    shortDescription: '为客户解答问题，并把客户连同已说过的一切转给人工客服。',
    fullDescription:
      'Warmline 解答常见问题；需要人工时，它会把客户温暖地转接给客服：客服能看到谁在等待、原因以及已经尝试过的办法，' +
      '客户无需重复说明。客服可在这里查看队列、接待客户、阅读对话记录、添加备注、转接和结束对话。',
  },
};
