/** The Accounts screen's texts (users for admins, API tokens for everyone), in English and Simplified Chinese. */
import type { Language } from '../../strings';

/** The roles, as the screen names them. */
export const roleNames = {
  'en-US': { admin: 'Admin', editor: 'Editor', supervisor: 'Supervisor', agent: 'Agent', viewer: 'Viewer' },
  'zh-CN': { admin: '管理员', editor: '编辑', supervisor: '主管', agent: '客服坐席', viewer: '查看者' },
} as const satisfies Record<Language, Record<string, string>>;

/** What the server's error codes mean, for a person. */
const problems = {
  'en-US': {
    WL_ACCOUNT_EXISTS: 'There is already a user with this name.',
    WL_ACCOUNT_INVALID_NAME: 'A user name is 2 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter.',
    WL_ACCOUNT_INVALID_ROLE: 'Choose one of the roles.',
    WL_ACCOUNT_PASSWORD_TOO_SHORT: 'The password must be at least 12 characters long.',
    WL_ACCOUNT_PASSWORD_TOO_LONG: 'The password must be at most 256 characters long.',
    WL_ACCOUNT_PASSWORD_CONTAINS_NAME: 'The password must not contain the user name.',
    WL_ACCOUNT_LAST_ADMIN: 'This is the only enabled admin. Make another admin first.',
    WL_ACCOUNT_SELF_DISABLE: 'You cannot disable your own account.',
    WL_ACCOUNT_UNKNOWN_USER: 'This user no longer exists.',
    WL_ACCOUNT_CONFLICT: 'The account was being changed at the same time. Please try again.',
    WL_ACCOUNT_INVALID_TOKEN_NAME: 'Give the token a name of 1 to 60 characters.',
    WL_ACCOUNT_INVALID_TOKEN_EXPIRY: 'Choose how long the token lasts.',
    WL_ACCOUNT_TOO_MANY_TOKENS: 'You have as many tokens as allowed. Revoke one first.',
    WL_ACCOUNT_UNKNOWN_TOKEN: 'This token was already revoked.',
    Forbidden: 'Your role may not do this.',
    NotSignedIn: 'Your session has ended. Please sign in again.',
  },
  'zh-CN': {
    WL_ACCOUNT_EXISTS: '已有同名用户。',
    WL_ACCOUNT_INVALID_NAME: '用户名为 2 到 64 个小写字母、数字、“.”、“_”或“-”，并以字母开头。',
    WL_ACCOUNT_INVALID_ROLE: '请选择一个角色。',
    WL_ACCOUNT_PASSWORD_TOO_SHORT: '密码至少需要 12 个字符。',
    WL_ACCOUNT_PASSWORD_TOO_LONG: '密码最多 256 个字符。',
    WL_ACCOUNT_PASSWORD_CONTAINS_NAME: '密码不能包含用户名。',
    WL_ACCOUNT_LAST_ADMIN: '这是唯一启用中的管理员，请先设置另一位管理员。',
    WL_ACCOUNT_SELF_DISABLE: '您不能停用自己的账户。',
    WL_ACCOUNT_UNKNOWN_USER: '该用户已不存在。',
    WL_ACCOUNT_CONFLICT: '该账户正被同时修改，请重试。',
    WL_ACCOUNT_INVALID_TOKEN_NAME: '请为令牌起一个 1 到 60 个字符的名称。',
    WL_ACCOUNT_INVALID_TOKEN_EXPIRY: '请选择令牌的有效期。',
    WL_ACCOUNT_TOO_MANY_TOKENS: '您的令牌数量已达上限，请先撤销一个。',
    WL_ACCOUNT_UNKNOWN_TOKEN: '该令牌已被撤销。',
    Forbidden: '您的角色无权执行此操作。',
    NotSignedIn: '您的会话已结束，请重新登录。',
  },
} as const satisfies Record<Language, Record<string, string>>;

export const usersStrings = {
  'en-US': {
    usersTitle: 'Users',
    name: 'Name',
    role: 'Role',
    status: 'Status',
    updated: 'Last changed',
    actions: 'Actions',
    active: 'Active',
    disabled: 'Disabled',
    you: '(you)',
    roleOf: (name: string) => `Role of ${name}`,
    changeRole: 'Change role',
    disable: 'Disable',
    enable: 'Enable',
    resetPassword: 'Reset password',
    newPasswordFor: (name: string) => `New password for ${name}`,
    setPassword: 'Set password',
    cancel: 'Cancel',
    addUser: 'Add a user',
    userName: 'User name',
    password: 'Password',
    passwordRule: 'At least 12 characters, not containing the user name.',
    add: 'Add user',
    added: (name: string) => `Added ${name}.`,
    roleChanged: (name: string, role: string) => `${name} is now ${role}.`,
    disabledDone: (name: string) => `Disabled ${name}; their sessions and API tokens stopped.`,
    enabledDone: (name: string) => `Enabled ${name}.`,
    passwordSet: (name: string) => `Set a new password for ${name}; their sessions ended.`,
    usersUnavailable: 'The users could not be read.',
    tokensTitle: 'My API tokens',
    tokensIntro: 'A token lets a program call the Warmline API as you, with your role. Send it as Authorization: Bearer <token>. Revoke it when the program no longer needs it.',
    tokenName: 'What is it for?',
    tokenExpiry: 'Expires',
    never: 'Never',
    days: (n: number) => `In ${n} days`,
    createToken: 'Create token',
    newToken: 'Your new token',
    copyNow: 'Copy it now: it is not shown again.',
    copy: 'Copy',
    copied: 'Copied.',
    done: 'Done',
    created: 'Created',
    lastUsed: 'Last used',
    expires: 'Expires',
    notUsed: 'Not yet',
    noTokens: 'You have no API tokens.',
    revoke: 'Revoke',
    revokeToken: (name: string) => `Revoke the token ${name}`,
    revoked: (name: string) => `Revoked the token ${name}; it no longer works.`,
    tokensUnavailable: 'The tokens could not be read.',
    failed: 'Something went wrong. Please try again.',
  },
  'zh-CN': {
    usersTitle: '用户',
    name: '名称',
    role: '角色',
    status: '状态',
    updated: '最近修改',
    actions: '操作',
    active: '已启用',
    disabled: '已停用',
    you: '（您）',
    roleOf: (name: string) => `${name} 的角色`,
    changeRole: '更改角色',
    disable: '停用',
    enable: '启用',
    resetPassword: '重置密码',
    newPasswordFor: (name: string) => `${name} 的新密码`,
    setPassword: '设置密码',
    cancel: '取消',
    addUser: '添加用户',
    userName: '用户名',
    password: '密码',
    passwordRule: '至少 12 个字符，且不包含用户名。',
    add: '添加用户',
    added: (name: string) => `已添加 ${name}。`,
    roleChanged: (name: string, role: string) => `${name} 现在的角色是${role}。`,
    disabledDone: (name: string) => `已停用 ${name}，其会话和 API 令牌均已失效。`,
    enabledDone: (name: string) => `已启用 ${name}。`,
    passwordSet: (name: string) => `已为 ${name} 设置新密码，其会话已结束。`,
    usersUnavailable: '无法读取用户列表。',
    tokensTitle: '我的 API 令牌',
    tokensIntro: '令牌让程序以您的身份和角色调用 Warmline API。请以 Authorization: Bearer <令牌> 发送。程序不再需要时请撤销。',
    tokenName: '用途',
    tokenExpiry: '有效期',
    never: '永不过期',
    days: (n: number) => `${n} 天`,
    createToken: '创建令牌',
    newToken: '您的新令牌',
    copyNow: '请立即复制：它不会再次显示。',
    copy: '复制',
    copied: '已复制。',
    done: '完成',
    created: '创建时间',
    lastUsed: '最近使用',
    expires: '到期时间',
    notUsed: '尚未使用',
    noTokens: '您还没有 API 令牌。',
    revoke: '撤销',
    revokeToken: (name: string) => `撤销令牌 ${name}`,
    revoked: (name: string) => `已撤销令牌 ${name}，它已失效。`,
    tokensUnavailable: '无法读取令牌列表。',
    failed: '出了点问题，请重试。',
  },
} as const satisfies Record<Language, Record<string, unknown>>;

// Both languages have the same keys: a text added to one only does not compile.
const zhHasEveryKey: Record<keyof (typeof usersStrings)['en-US'], unknown> = usersStrings['zh-CN'];
const enHasEveryKey: Record<keyof (typeof usersStrings)['zh-CN'], unknown> = usersStrings['en-US'];
const zhHasEveryProblem: Record<keyof (typeof problems)['en-US'], unknown> = problems['zh-CN'];
const enHasEveryProblem: Record<keyof (typeof problems)['zh-CN'], unknown> = problems['en-US'];
void [zhHasEveryKey, enHasEveryKey, zhHasEveryProblem, enHasEveryProblem];

/** What a refusal with `code` means, in `language`. */
export function problemText(language: Language, code: string): string {
  const known = problems[language] as Record<string, string>;
  return known[code] ?? usersStrings[language].failed;
}

/** The role's name in `language` (the id itself for one this screen does not know). */
export function roleName(language: Language, role: string): string {
  return (roleNames[language] as Record<string, string>)[role] ?? role;
}
