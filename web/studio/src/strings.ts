/** Every text the studio shows, in English and Simplified Chinese (customer-facing Chinese uses 您). */
export const languages = ['en-US', 'zh-CN'] as const;
export type Language = (typeof languages)[number];

export const strings = {
  'en-US': {
    title: 'Warmline Studio',
    language: 'Language',
    signInTitle: 'Sign in',
    userName: 'User name',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    signOut: 'Sign out',
    signedInAs: (name: string, role: string) => `Signed in as ${name} (${role})`,
    wrongCredentials: 'That user name and password do not match, or the account is disabled.',
    tooManyAttempts: (seconds: number) => `Too many attempts. Try again in ${Math.ceil(seconds / 60)} min.`,
    notAvailable: 'Sign-in is not available on this server yet.',
    failed: 'Something went wrong. Please try again.',
    firstAdmin: 'No account yet? An administrator creates one on the server: npm run users -- add <name> --role admin',
    flowsTitle: 'Dialog flows (published)',
    topic: 'Topic',
    trigger: 'Trigger',
    file: 'File',
    version: (v: string) => `Version ${v}`,
    flowsUnavailable: 'The flows could not be read.',
    navigation: 'Studio sections',
    screenFailed: 'This screen stopped working. Reload the page; if it happens again, tell whoever runs Warmline.',
    signInWithMicrosoft: 'Sign in with Microsoft',
    orWithPassword: 'or with a user name and password',
    ssoProblems: {
      SsoNoRole: 'Your Microsoft account has no role in Warmline Studio. Ask an administrator to add you to a group that has one.',
      AccountDisabled: 'This account is disabled. Ask an administrator to enable it.',
      SsoAccountConflict: 'An account with your name already exists and does not sign in with Microsoft. Ask an administrator.',
      SsoStateInvalid: 'That sign-in took too long or was started in another browser. Please try again.',
      SsoFailed: 'Signing in with Microsoft did not succeed. Please try again.',
      SsoUnavailable: 'The Microsoft sign-in service could not be reached. Try again in a minute, or use your password.',
    } as Record<string, string>,
  },
  'zh-CN': {
    title: 'Warmline 管理工作室',
    language: '语言',
    signInTitle: '登录',
    userName: '用户名',
    password: '密码',
    signIn: '登录',
    signingIn: '正在登录…',
    signOut: '退出登录',
    signedInAs: (name: string, role: string) => `当前用户：${name}（${role}）`,
    wrongCredentials: '用户名和密码不匹配，或该账户已停用。',
    tooManyAttempts: (seconds: number) => `尝试次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试。`,
    notAvailable: '此服务器暂未开放登录。',
    failed: '出了点问题，请重试。',
    firstAdmin: '还没有账户？请管理员在服务器上创建：npm run users -- add <用户名> --role admin',
    flowsTitle: '对话流程（已发布）',
    topic: '主题',
    trigger: '触发器',
    file: '文件',
    version: (v: string) => `版本 ${v}`,
    flowsUnavailable: '无法读取对话流程。',
    navigation: '工作室栏目',
    screenFailed: '此页面出错了。请刷新页面；如果再次出现，请联系 Warmline 的管理员。',
    signInWithMicrosoft: '使用 Microsoft 账户登录',
    orWithPassword: '或使用用户名和密码登录',
    ssoProblems: {
      SsoNoRole: '您的 Microsoft 账户在 Warmline 管理工作室中没有角色。请让管理员把您加入有角色的组。',
      AccountDisabled: '该账户已停用。请让管理员启用。',
      SsoAccountConflict: '已有同名账户，且该账户不使用 Microsoft 登录。请联系管理员。',
      SsoStateInvalid: '此次登录耗时过长，或是在另一个浏览器中开始的。请重试。',
      SsoFailed: '使用 Microsoft 账户登录未成功。请重试。',
      SsoUnavailable: '无法连接 Microsoft 登录服务。请稍后再试，或使用密码登录。',
    } as Record<string, string>,
  },
} as const satisfies Record<Language, Record<string, unknown>>;

// Both languages have the same keys: a text added to one only does not compile.
const zhHasEveryKey: Record<keyof (typeof strings)['en-US'], unknown> = strings['zh-CN'];
const enHasEveryKey: Record<keyof (typeof strings)['zh-CN'], unknown> = strings['en-US'];
void [zhHasEveryKey, enHasEveryKey];

/** The language to start in: the one chosen before, else the browser's, else English. */
export function initialLanguage(saved: string | null, browser: readonly string[]): Language {
  if (saved === 'en-US' || saved === 'zh-CN') return saved;
  return browser.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en-US';
}
