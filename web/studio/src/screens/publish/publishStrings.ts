/** The publish screen's texts, and the words it shares with the history screen (kinds, diffs, dates), in en-US and zh-CN. */
import type { Language } from '../../strings';
import type { ContentKind } from './publishApi';

/** The publish screen's words and the shared ones, per language. */
export const publishStrings = {
  'en-US': {
    kindNames: { flows: 'Dialog flows', knowledge: 'Knowledge (FAQ)', routing: 'Routing', agents: 'Agents', offers: 'Offers', messages: 'Messages' } satisfies Record<ContentKind, string>,
    listJoin: ', ',
    cancel: 'Cancel',
    loading: 'Loading…',
    refresh: 'Refresh',
    noDiff: 'No changes',
    diffCounts: (added: number, removed: number, changed: number) =>
      [
        [added, 'added'],
        [removed, 'removed'],
        [changed, 'changed'],
      ]
        .filter(([count]) => count !== 0)
        .map(([count, what]) => `${count} ${count === 1 ? 'file' : 'files'} ${what}`)
        .join(', '),
    lines: (added: number, removed: number) => `+${added} −${removed} lines`,
    fileAdded: 'added',
    fileRemoved: 'removed',
    fileChanged: 'changed',
    version: 'Version',
    publishTitle: 'Publish',
    publishIntro: 'Every draft is published at once and reaches every running bot within a few seconds. While any problem below remains, nothing is published.',
    draftsUnavailable: 'The drafts could not be read.',
    nothingChanged: 'Nothing to publish: no draft has changes.',
    basedOn: (version: string) => `Based on version ${version}`,
    basedOnNothing: 'Nothing of this kind is published yet',
    colFile: 'File',
    colChange: 'Change',
    colLines: 'Lines',
    colBy: 'Changed by',
    colWhen: 'When',
    discard: (kind: string) => `Discard ${kind} draft`,
    confirmDiscardTitle: 'Discard this draft?',
    confirmDiscard: (kind: string) => `Every change to ${kind} is dropped and the published version stays as it is. This cannot be undone.`,
    discardNow: 'Discard draft',
    discarded: (kind: string) => `The ${kind} draft was discarded.`,
    discardFailed: (message: string) => `The draft could not be discarded: ${message}`,
    problemsTitle: (count: number) => (count === 1 ? '1 problem blocks the publish' : `${count} problems block the publish`),
    noProblems: 'No problems: the drafts can be published.',
    line: (line: number) => `line ${line}`,
    wholeKind: '(the whole kind)',
    openTopic: (file: string) => `${file}, open in Flows`,
    publish: 'Publish',
    publishing: 'Publishing…',
    fixFirst: 'Fix the problems below before publishing.',
    onlyAdmins: 'Only an administrator can publish.',
    confirmPublishTitle: 'Publish to the live bot?',
    confirmPublish: (kinds: string) => `${kinds}: each becomes a new published version. Customers get it within a few seconds; an administrator can roll back in History.`,
    publishNow: 'Publish now',
    published: 'Published. New versions:',
    blocked: (count: number) => `Nothing was published: ${count === 1 ? '1 problem blocks' : `${count} problems block`} it (listed below).`,
    nothingToPublish: 'There was nothing to publish any more: someone else published or discarded the drafts.',
    refused: 'Your role may not publish.',
    publishFailed: (message: string) => `The publish failed: ${message}`,
  },
  'zh-CN': {
    kindNames: { flows: '对话流程', knowledge: '知识库（常见问题）', routing: '转接规则', agents: '客服人员', offers: '优惠活动', messages: '消息文案' } satisfies Record<ContentKind, string>,
    listJoin: '、',
    cancel: '取消',
    loading: '正在加载…',
    refresh: '刷新',
    noDiff: '无变更',
    diffCounts: (added: number, removed: number, changed: number) =>
      [added ? `新增 ${added} 个文件` : '', removed ? `删除 ${removed} 个文件` : '', changed ? `修改 ${changed} 个文件` : ''].filter(Boolean).join('，'),
    lines: (added: number, removed: number) => `+${added} −${removed} 行`,
    fileAdded: '新增',
    fileRemoved: '删除',
    fileChanged: '修改',
    version: '版本',
    publishTitle: '发布',
    publishIntro: '所有草稿一次性发布，几秒内在所有运行中的机器人上生效。只要下方还有问题，就不会发布任何内容。',
    draftsUnavailable: '无法读取草稿。',
    nothingChanged: '没有需要发布的内容：草稿均无改动。',
    basedOn: (version: string) => `基于版本 ${version}`,
    basedOnNothing: '此类内容尚未发布过',
    colFile: '文件',
    colChange: '改动',
    colLines: '行数',
    colBy: '修改人',
    colWhen: '时间',
    discard: (kind: string) => `放弃「${kind}」草稿`,
    confirmDiscardTitle: '放弃此草稿？',
    confirmDiscard: (kind: string) => `「${kind}」的全部改动将被丢弃，已发布的版本保持不变。此操作无法撤销。`,
    discardNow: '放弃草稿',
    discarded: (kind: string) => `已放弃「${kind}」草稿。`,
    discardFailed: (message: string) => `无法放弃草稿：${message}`,
    problemsTitle: (count: number) => `有 ${count} 个问题导致无法发布`,
    noProblems: '没有问题，可以发布。',
    line: (line: number) => `第 ${line} 行`,
    wholeKind: '（整体）',
    openTopic: (file: string) => `${file}，在“对话流程”中打开`,
    publish: '发布',
    publishing: '正在发布…',
    fixFirst: '请先修复下方的问题再发布。',
    onlyAdmins: '只有管理员可以发布。',
    confirmPublishTitle: '发布到线上机器人？',
    confirmPublish: (kinds: string) => `${kinds}：各自成为新的已发布版本。客户几秒内即可看到；管理员可以在“历史记录”中回滚。`,
    publishNow: '立即发布',
    published: '已发布。新版本：',
    blocked: (count: number) => `未发布任何内容：有 ${count} 个问题（见下方）。`,
    nothingToPublish: '已没有可发布的内容：其他人已发布或放弃了草稿。',
    refused: '您的角色无权发布。',
    publishFailed: (message: string) => `发布失败：${message}`,
  },
} as const satisfies Record<Language, Record<string, unknown>>;

// Both languages have the same keys: a text added to one only does not compile.
const zhHasEveryKey: Record<keyof (typeof publishStrings)['en-US'], unknown> = publishStrings['zh-CN'];
const enHasEveryKey: Record<keyof (typeof publishStrings)['zh-CN'], unknown> = publishStrings['en-US'];
void [zhHasEveryKey, enHasEveryKey];

/** A date and time as people of `language` write it. */
export function formatWhen(language: Language, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A version id as shown: its first 8 digits (the server takes 4 or more). */
export function shortVersion(id: string): string {
  return id.slice(0, 8);
}
