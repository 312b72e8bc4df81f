/**
 * The studio's screens, in the order the navigation lists them. Each screen lives in screens/ with
 * its own strings (en-US and zh-CN); add one here with its label and the roles that may open it
 * (the server refuses the others anyway: this only keeps people from a screen that would answer 403).
 */
import { Suspense, lazy } from 'react';
import type { ReactElement } from 'react';
import type { SignedIn } from './api';
import type { Language } from './strings';
import { FlowsScreen } from './screens/FlowsScreen';
import { HistoryScreen } from './screens/history/HistoryScreen';
import { PublishScreen } from './screens/publish/PublishScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { TestChatScreen } from './screens/testchat/TestChatScreen';
import { AccountsScreen } from './screens/users/AccountsScreen';
import { ConversationsScreen } from './screens/conversations/ConversationsScreen';
import { KnowledgeScreen } from './screens/knowledge/KnowledgeScreen';

// The charts library is loaded with the analytics screen, not with the shell.
const AnalyticsScreen = lazy(() => import('./screens/analytics/AnalyticsScreen').then((m) => ({ default: m.AnalyticsScreen })));

/** What every screen is given. */
export interface ScreenProps {
  readonly language: Language;
  readonly session: SignedIn;
}

/** One entry of the navigation. */
export interface Screen {
  /** Its part of the address: `/studio/#/<id>`. */
  readonly id: string;
  readonly label: Readonly<Record<Language, string>>;
  /** Roles that may open it; empty for every signed-in role. */
  readonly roles: readonly string[];
  readonly render: (props: ScreenProps) => ReactElement;
}

export const screens: readonly Screen[] = [
  { id: 'flows', label: { 'en-US': 'Flows', 'zh-CN': '对话流程' }, roles: [], render: (p) => <FlowsScreen {...p} /> },
  { id: 'knowledge', label: { 'en-US': 'Knowledge', 'zh-CN': '知识库' }, roles: [], render: (p) => <KnowledgeScreen {...p} /> },
  { id: 'settings', label: { 'en-US': 'Settings', 'zh-CN': '设置' }, roles: [], render: (p) => <SettingsScreen {...p} /> },
  { id: 'test-chat', label: { 'en-US': 'Test chat', 'zh-CN': '测试对话' }, roles: ['editor', 'admin'], render: (p) => <TestChatScreen {...p} /> },
  { id: 'publish', label: { 'en-US': 'Publish', 'zh-CN': '发布' }, roles: [], render: (p) => <PublishScreen {...p} /> },
  { id: 'history', label: { 'en-US': 'History', 'zh-CN': '历史记录' }, roles: [], render: (p) => <HistoryScreen {...p} /> },
  {
    id: 'analytics',
    label: { 'en-US': 'Analytics', 'zh-CN': '数据分析' },
    roles: [],
    render: (p) => (
      <Suspense fallback={<p aria-busy="true">…</p>}>
        <AnalyticsScreen {...p} />
      </Suspense>
    ),
  },
  // Transcripts are customer data: supervisors and admins only (the API answers 403 to the others).
  { id: 'conversations', label: { 'en-US': 'Conversations', 'zh-CN': '对话记录' }, roles: ['admin', 'supervisor'], render: (p) => <ConversationsScreen {...p} /> },
  // Everyone: their API tokens; admins also the users (the server refuses the others anyway).
  { id: 'accounts', label: { 'en-US': 'Accounts', 'zh-CN': '账户' }, roles: [], render: (p) => <AccountsScreen {...p} /> },
];
