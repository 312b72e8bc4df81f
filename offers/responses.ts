/**
 * Everything customers read about offers, in en-US and zh-CN: the card's lead-in and buttons, and the
 * replies to accept, decline, "don't show me offers" and opting back in. Worded as a suggestion, and
 * every reply after a "no" ends the subject (P6).
 */
import type { SupportedLocale } from '../locale/locale';

/** Wording for one language. */
export interface OfferResponses {
  readonly leadIn: string;
  readonly accept: string;
  readonly decline: string;
  readonly optOut: string;
  readonly accepted: (title: string) => string;
  readonly declined: string;
  readonly optedOut: string;
  readonly optedIn: string;
  readonly notOptedOut: string;
  readonly stale: string;
  readonly notSaved: string;
}

/** Offer wording by language. */
export const offerResponses: Readonly<Record<SupportedLocale, OfferResponses>> = {
  'en-US': {
    leadIn: 'Glad that’s sorted. One suggestion that may suit you, only if it’s useful:',
    accept: 'Yes, I’m interested',
    decline: 'No thanks',
    optOut: 'Don’t show me offers',
    accepted: (title) => `Done: “${title}” is noted on your account, and you’ll find the details there. Anything else I can help with?`,
    declined: 'No problem, thanks for letting me know. Anything else I can help with?',
    optedOut: 'Understood: we won’t show you offers again, here or on any other channel. If you ever change your mind, just type “show me offers”.',
    optedIn: 'Done: after we’ve solved something for you, we may now and then suggest an offer that fits. Type “don’t show me offers” to stop at any time.',
    notOptedOut: 'You haven’t turned offers off, so there’s nothing to change. We only ever suggest one after your issue is solved.',
    stale: 'That offer is no longer open, so nothing has changed.',
    notSaved: 'Sorry, I couldn’t save that just now. Please try again in a moment.',
  },
  'zh-CN': {
    leadIn: '很高兴问题解决了。这里有一个可能适合您的建议，仅供参考：',
    accept: '我有兴趣',
    decline: '不用了，谢谢',
    optOut: '不要再给我推荐',
    accepted: (title) => `好的，“${title}”已记录到您的账户，详情可在账户中查看。还有什么可以帮您？`,
    declined: '没问题，谢谢告知。还有什么可以帮您？',
    optedOut: '明白了：今后无论在这里还是其他渠道，我们都不会再向您推荐优惠。如果您改变主意，输入“重新接收优惠”即可。',
    optedIn: '已为您恢复：在帮您解决问题之后，我们偶尔会推荐适合您的优惠。随时输入“不要再给我推荐”即可停止。',
    notOptedOut: '您并没有关闭优惠推荐，无需更改。我们只会在您的问题解决之后才推荐。',
    stale: '这个优惠已经结束，没有做任何更改。',
    notSaved: '抱歉，刚才没能保存您的选择，请稍后再试一次。',
  },
};
