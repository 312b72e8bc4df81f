/**
 * Activities as JSON on the Direct Line wire. botbuilder's `Activity` type describes the parsed
 * object a bot works with (dates as `Date`); the local Direct Line only stores and forwards JSON,
 * so it names the few fields it reads or sets and keeps everything else untouched.
 */

/** A user, bot or channel in an activity. */
export interface WireAccount {
  readonly id: string;
  readonly name?: string;
  readonly role?: string;
}

/** An activity as JSON: the fields the local Direct Line reads or sets, plus whatever the sender put in. */
export interface WireActivity {
  readonly type: string;
  readonly id?: string;
  readonly timestamp?: string;
  readonly channelId?: string;
  readonly serviceUrl?: string;
  readonly text?: unknown;
  readonly from?: WireAccount;
  readonly recipient?: WireAccount;
  readonly conversation?: { readonly id: string };
  readonly replyToId?: string;
  readonly membersAdded?: readonly WireAccount[];
  readonly [key: string]: unknown;
}

/** What a client receives: some activities and the watermark to resume after them (Direct Line `ActivitySet`). */
export interface ActivitySet {
  readonly activities: readonly WireActivity[];
  readonly watermark: string;
}
