/** The workspace shell's texts (sign-in, header, presence, live connection, shared labels), in English and Simplified Chinese. */
import { initialLanguage, languages } from '../../studio/src/strings';
import type { Language } from '../../studio/src/strings';

export { initialLanguage, languages };
export type { Language };

export const strings = {
  'en-US': {
    title: 'Warmline agent workspace',
    language: 'Language',
    signInTitle: 'Sign in to the agent workspace',
    userName: 'User name',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    signOut: 'Sign out',
    wrongCredentials: 'That user name and password do not match, or the account is disabled.',
    tooManyAttempts: (seconds: number) => `Too many attempts. Try again in ${Math.ceil(seconds / 60)} min.`,
    notAvailable: 'Sign-in is not available on this server yet.',
    failed: 'Something went wrong. Please try again.',
    firstAdmin: 'Your account is made by an administrator (role agent or supervisor, named like your roster id).',
    signInWithMicrosoft: 'Sign in with Microsoft',
    orWithPassword: 'or with a user name and password',
    ssoProblems: {} as Record<string, string>,
    notAnAgent: (user: string) => `The account “${user}” is not an agent of the roster, so it cannot take conversations. Ask an administrator to name the account after your agent id, with the role agent or supervisor.`,
    workspaceUnavailable: 'The agent workspace is not available on this server.',
    loading: 'Loading…',
    presence: 'Presence',
    presenceNames: { available: 'Available', away: 'Away', busy: 'Busy', offline: 'Offline' } as Record<string, string>,
    load: (load: number, capacity: number) => `${load} of ${capacity} conversations`,
    reconnecting: 'Connection lost: reconnecting… Nothing you see is lost.',
    notifyButton: 'Turn on notifications',
    notifyOn: 'Desktop notifications are on',
    notifyBlocked: 'Desktop notifications are blocked in this browser',
    newCustomer: (name: string, queue: string) => `${name} is waiting in ${queue}`,
    newMessage: (name: string) => `${name} wrote`,
    aCustomer: 'A customer',
    views: 'Views',
    workspaceView: 'Conversations',
    supervisorView: 'Supervisor',
    signedInAs: (name: string) => `Signed in as ${name}`,
    outcomeNames: { resolved: 'Resolved', 'follow-up': 'Follow-up needed', 'not-resolved': 'Not resolved', 'no-response': 'No response' } as Record<string, string>,
    reasonNames: {
      requested: 'Asked for a person',
      'asked-for-person': 'Asked for a person',
      'repeated-no-match': 'Bot could not answer',
      'not-resolved': 'Answer did not help',
      frustration: 'Frustrated',
      complaint: 'Complaint',
      cancellation: 'Cancellation',
      fraud: 'Fraud or security',
      expert: 'Needs expert advice',
      'priority-tier': 'Priority customer',
    } as Record<string, string>,
    languageNames: { 'en-US': 'English', 'zh-CN': 'Chinese' } as Record<string, string>,
    waitFor: (seconds: number) => (seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`),
    cancel: 'Cancel',
    problems: {
      AlreadyTaken: 'Another agent already took this customer.',
      AtCapacity: 'You are at your capacity. End a conversation first.',
      NotYourQueue: 'This customer is not in one of your queues.',
      NotFound: 'This is no longer there.',
      AlreadyClaimed: 'Another agent already claimed this ticket.',
      NotSignedIn: 'Your session has ended. Please sign in again.',
      Forbidden: 'Your role may not do this.',
      Failed: 'That did not work. Please try again.',
    } as Record<string, string>,
  },
  'zh-CN': {
    title: 'Warmline 客服工作台',
    language: '语言',
    signInTitle: '登录客服工作台',
    userName: '用户名',
    password: '密码',
    signIn: '登录',
    signingIn: '正在登录…',
    signOut: '退出登录',
    wrongCredentials: '用户名和密码不匹配，或该账户已停用。',
    tooManyAttempts: (seconds: number) => `尝试次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试。`,
    notAvailable: '此服务器暂未开放登录。',
    failed: '出了点问题，请重试。',
    firstAdmin: '账户由管理员创建（角色为客服坐席或主管，用户名与您在坐席名册中的 id 相同）。',
    signInWithMicrosoft: '使用 Microsoft 账户登录',
    orWithPassword: '或使用用户名和密码登录',
    ssoProblems: {} as Record<string, string>,
    notAnAgent: (user: string) => `账户“${user}”不是坐席名册中的客服，无法接待客户。请让管理员以您的坐席 id 命名账户，并设置角色为客服坐席或主管。`,
    workspaceUnavailable: '此服务器未开放客服工作台。',
    loading: '正在加载…',
    presence: '状态',
    presenceNames: { available: '空闲', away: '离开', busy: '忙碌', offline: '离线' } as Record<string, string>,
    load: (load: number, capacity: number) => `${load} / ${capacity} 个会话`,
    reconnecting: '连接已断开，正在重新连接…已显示的内容不会丢失。',
    notifyButton: '开启桌面通知',
    notifyOn: '桌面通知已开启',
    notifyBlocked: '此浏览器已阻止桌面通知',
    newCustomer: (name: string, queue: string) => `${name} 正在「${queue}」排队`,
    newMessage: (name: string) => `${name} 发来消息`,
    aCustomer: '一位客户',
    views: '视图',
    workspaceView: '会话',
    supervisorView: '主管',
    signedInAs: (name: string) => `当前用户：${name}`,
    outcomeNames: { resolved: '已解决', 'follow-up': '需要跟进', 'not-resolved': '未解决', 'no-response': '客户未回复' } as Record<string, string>,
    reasonNames: {
      requested: '要求转人工',
      'asked-for-person': '要求转人工',
      'repeated-no-match': '机器人无法回答',
      'not-resolved': '回答没有帮助',
      frustration: '情绪不满',
      complaint: '投诉',
      cancellation: '取消',
      fraud: '欺诈或安全',
      expert: '需要专业建议',
      'priority-tier': '优先客户',
    } as Record<string, string>,
    languageNames: { 'en-US': '英文', 'zh-CN': '中文' } as Record<string, string>,
    waitFor: (seconds: number) => (seconds < 60 ? `${seconds} 秒` : `${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒`),
    cancel: '取消',
    problems: {
      AlreadyTaken: '其他客服已接待这位客户。',
      AtCapacity: '您的会话已满，请先结束一个会话。',
      NotYourQueue: '这位客户不在您负责的队列中。',
      NotFound: '该内容已不存在。',
      AlreadyClaimed: '其他客服已认领这个工单。',
      NotSignedIn: '您的登录已过期，请重新登录。',
      Forbidden: '您的角色无权执行此操作。',
      Failed: '操作未成功，请重试。',
    } as Record<string, string>,
  },
} as const satisfies Record<Language, Record<string, unknown>>;
// English and Chinese have the same keys, nested ones too: test/web/agent/strings.test.ts.

/** The shell's texts in one language. */
export type ShellWords = (typeof strings)[Language];


/** What a refusal with `code` means (the server's own message when the workspace does not know the code). */
export function problemText(language: Language, code: string, message?: string): string {
  return strings[language].problems[code] ?? message ?? strings[language].problems.Failed ?? code;
}

/** A code's name from one of the label maps, or the code itself. */
export function labelOf(map: Readonly<Record<string, string>>, code: string): string {
  return map[code] ?? code;
}
