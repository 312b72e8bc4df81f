/**
 * What the dialogs say to a customer, in every supported locale.
 */
import type { SupportedLocale } from '../locale/locale';

/** Dialog wording in one language. */
export interface DialogResponses {
  /** Step 1's stand-in reply, until the FAQ engine answers questions. */
  received: (text: string) => string;
}

/** Dialog wording by locale. */
export const dialogResponses: Readonly<Record<SupportedLocale, DialogResponses>> = {
  'en-US': {
    received: (text) => `Thanks, I've got your message: “${text}”. I can't answer questions yet; that part of me arrives in the next release.`,
  },
  'zh-CN': {
    received: (text) => `收到您的消息：“${text}”。我暂时还不能回答问题，这部分功能将在下一个版本上线。`,
  },
};
