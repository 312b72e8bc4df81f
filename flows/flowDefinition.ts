/**
 * What an admin writes: a topic, one YAML file in `content/flows/`, shaped after Microsoft Copilot
 * Studio's topic YAML (`kind: AdaptiveDialog`, a trigger under `beginDialog`, a list of `actions`
 * each with a `kind` and an `id`). These are the parsed, validated definitions the executor runs;
 * plain data, no botbuilder. Conditions and computed values are Adaptive Expressions written with a
 * leading `=` (`=topic.orderNumber != null`); texts have an `en-US` and a `zh-CN` variant and may
 * interpolate `${expression}`.
 */
import type { SupportedLocale } from '../locale/locale';

/** A text in every supported language. */
export type LocaleText = Readonly<Record<SupportedLocale, string>>;

/** Phrases per language (trigger queries, choice synonyms). */
export type LocalePhrases = Readonly<Record<SupportedLocale, readonly string[]>>;

/** An Adaptive Expression, written with a leading `=` in YAML and stored without it. */
export interface Expression {
  readonly expression: string;
}

/** A value: a literal, or an expression computed when the action runs. */
export type ValueOrExpression = string | number | boolean | null | Expression;

/** Where a definition came from, for error messages an admin can act on. */
export interface SourceSpot {
  readonly file: string;
  /** YAML path, e.g. `beginDialog.actions[2].prompt.zh-CN`. */
  readonly path: string;
  /** 1-based line, when known. */
  readonly line?: number;
}

/** The kinds of trigger a topic may have. */
export const triggerKinds = [
  'OnRecognizedIntent',
  'OnConversationStart',
  'OnUnknownIntent',
  'OnAnswered',
  'OnEscalate',
  'OnResolved',
  'OnNotResolved',
  'OnAgentEnded',
  'OnError',
] as const;
export type TriggerKind = (typeof triggerKinds)[number];

/** When a topic starts. */
export interface Trigger {
  readonly kind: TriggerKind;
  readonly id: string;
  /** OnRecognizedIntent: phrases per language, matched by the FAQ matcher alongside knowledge entries. */
  readonly triggerQueries?: LocalePhrases;
  /** An extra condition; the topic starts only when it is true. */
  readonly condition?: Expression;
  /** Among topics with the same trigger kind, the higher priority is tried first (default 0). */
  readonly priority?: number;
  readonly actions: readonly Action[];
}

/** A button on a message: shows `title`, sends `value` (or the title) back as the customer's reply. */
export interface FlowButton {
  readonly title: LocaleText;
  readonly value?: string;
}

/** Built-in entities a Question can recognise (recognizers-text, en and zh). */
export const builtInEntities = ['number', 'datetime', 'boolean', 'email', 'phone', 'text'] as const;
export type BuiltInEntity = (typeof builtInEntities)[number];

/** What a Question expects. */
export type QuestionEntity =
  | { readonly kind: BuiltInEntity }
  | { readonly kind: 'choice'; readonly choices: readonly { readonly value: string; readonly title: LocaleText; readonly synonyms?: LocalePhrases }[] }
  | { readonly kind: 'regex'; readonly pattern: string; readonly flags?: string };

/** Shared by every action. */
interface ActionBase {
  readonly id: string;
  /** Skipped when this is false. */
  readonly condition?: Expression;
  readonly source?: SourceSpot;
}

/** Sends a message: text, buttons, an Adaptive Card. */
export interface SendActivityAction extends ActionBase {
  readonly kind: 'SendActivity';
  readonly text?: LocaleText;
  readonly buttons?: readonly FlowButton[];
  /** Adaptive Card JSON per language; strings inside may interpolate `${…}`. */
  readonly card?: Readonly<Record<SupportedLocale, Readonly<Record<string, unknown>>>>;
}

/** Asks the customer something and keeps the recognised answer in `variable`. */
export interface QuestionAction extends ActionBase {
  readonly kind: 'Question';
  readonly variable: string;
  readonly prompt: LocaleText;
  readonly entity: QuestionEntity;
  readonly retryPrompt?: LocaleText;
  /** How many answers are tried before `defaultValue` (or nothing) is taken; default 3. */
  readonly maxTurns?: number;
  readonly defaultValue?: ValueOrExpression;
  /**
   * Whether another question or topic may interrupt (default true). Whatever it says, a request for
   * a person and "cancel" always do: those are guardrails, not flow decisions.
   */
  readonly allowInterruptions?: boolean;
  /** Skip the question when the variable already has a value (default true). */
  readonly skipIfSet?: boolean;
}

/** Runs the first branch whose condition holds, else `elseActions`. */
export interface ConditionGroupAction extends ActionBase {
  readonly kind: 'ConditionGroup';
  readonly conditions: readonly { readonly id: string; readonly condition: Expression; readonly actions: readonly Action[] }[];
  readonly elseActions?: readonly Action[];
}

/** Sets a variable in a writable scope (`topic.*`, `conversation.*`, `user.*`). */
export interface SetVariableAction extends ActionBase {
  readonly kind: 'SetVariable';
  readonly variable: string;
  readonly value: ValueOrExpression;
}

/** Runs another topic, passing inputs into its `topic.*` and taking outputs back. */
export interface BeginDialogAction extends ActionBase {
  readonly kind: 'BeginDialog';
  readonly dialog: string;
  /** The other topic's variable name → a value from this one. */
  readonly input?: Readonly<Record<string, ValueOrExpression>>;
  /** The other topic's variable name → a variable of this one to copy it into when it ends. */
  readonly output?: Readonly<Record<string, string>>;
}

/** Continues at another action of the same topic (a loop or a way back). */
export interface GotoAction extends ActionBase {
  readonly kind: 'GotoAction';
  readonly actionId: string;
}

/** Ends this topic (returning to the topic that began it, if any). */
export interface EndDialogAction extends ActionBase {
  readonly kind: 'EndDialog';
}

/** Ends every topic in progress. */
export interface CancelAllDialogsAction extends ActionBase {
  readonly kind: 'CancelAllDialogs';
}

/** Answers from the knowledge base (the FAQ dialog), optionally narrowed by metadata filters. */
export interface AnswerFromKnowledgeAction extends ActionBase {
  readonly kind: 'AnswerFromKnowledge';
  /** The question; default the customer's last message. */
  readonly question?: ValueOrExpression;
  readonly filters?: Readonly<Record<string, string>>;
  /** Where the outcome goes: `{ answered, entryId?, topic?, reason? }`. */
  readonly resultVariable?: string;
}

/** The resolution check ("Did that solve your issue?") and, after yes, the rating (CSAT). */
export interface CheckResolutionAction extends ActionBase {
  readonly kind: 'CheckResolution';
  /** Where the outcome goes: `{ resolved, csat? }`. */
  readonly resultVariable?: string;
}

/** The warm handoff to a person. The summary includes the topic's collected variables. */
export interface TransferToAgentAction extends ActionBase {
  readonly kind: 'TransferToAgent';
  readonly queue?: string;
  /** Escalation reason code, e.g. `requested`, `complaint`, `order-late`. */
  readonly reason: string;
  /** A note for the agent. */
  readonly note?: LocaleText;
}

/** Takes a message or books a callback (when nobody can take the customer now). */
export interface TakeMessageOrCallbackAction extends ActionBase {
  readonly kind: 'TakeMessageOrCallback';
  readonly queue?: string;
  readonly reason?: string;
}

/** Calls a backend over HTTP (JSON); the host and any secret come from settings, never from the flow. */
export interface HttpRequestAction extends ActionBase {
  readonly kind: 'HttpRequest';
  readonly method: 'GET' | 'POST';
  /** A named backend from settings (its base URL and headers); the flow only adds a path. */
  readonly backend: string;
  readonly path: ValueOrExpression;
  readonly body?: Readonly<Record<string, ValueOrExpression>>;
  readonly timeoutMs?: number;
  /** Where the parsed JSON answer goes: `{ status, body }`. */
  readonly resultVariable: string;
  /** Runs instead of the rest when the call fails (timeout, refused, non-2xx, not JSON). */
  readonly onError?: readonly Action[];
}

/** Records a named analytics event with properties. */
export interface LogEventAction extends ActionBase {
  readonly kind: 'LogEvent';
  readonly name: string;
  readonly properties?: Readonly<Record<string, ValueOrExpression>>;
}

/** Every action a topic may contain. */
export type Action =
  | SendActivityAction
  | QuestionAction
  | ConditionGroupAction
  | SetVariableAction
  | BeginDialogAction
  | GotoAction
  | EndDialogAction
  | CancelAllDialogsAction
  | AnswerFromKnowledgeAction
  | CheckResolutionAction
  | TransferToAgentAction
  | TakeMessageOrCallbackAction
  | HttpRequestAction
  | LogEventAction;

/** The kind names, for the schema and the validator. */
export type ActionKind = Action['kind'];

/** One topic. */
export interface Topic {
  /** Unique across the flows; the file name without `.yaml` unless the file says otherwise. */
  readonly id: string;
  readonly displayName: LocaleText;
  readonly trigger: Trigger;
  /** Variables this topic accepts from `BeginDialog` (names in `topic.*`). */
  readonly inputs?: readonly string[];
  /** Variables this topic hands back when it ends. */
  readonly outputs?: readonly string[];
  readonly source: SourceSpot;
}

/** A validated set of topics, as published together. */
export interface FlowSet {
  readonly topics: readonly Topic[];
  /** Content hash of the set, so a conversation can finish a topic on the version it started with. */
  readonly version: string;
}

/** The scopes an expression may read, and which of them a flow may write. */
export const scopes = {
  topic: 'write',
  conversation: 'write',
  user: 'write',
  turn: 'read',
  system: 'read',
  customer: 'read',
} as const;
export type ScopeName = keyof typeof scopes;
