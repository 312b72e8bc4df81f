/**
 * The studio's screens, in the order the navigation lists them. Each screen lives in screens/ with
 * its own strings (en-US and zh-CN); add one here with its label and the roles that may open it
 * (the server refuses the others anyway: this only keeps people from a screen that would answer 403).
 */
import type { ReactElement } from 'react';
import type { SignedIn } from './api';
import type { Language } from './strings';
import { FlowsScreen } from './screens/FlowsScreen';
import { KnowledgeScreen } from './screens/knowledge/KnowledgeScreen';

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
];
