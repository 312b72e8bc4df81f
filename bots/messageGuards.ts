/**
 * The order in which a message is handled, as one named list instead of a chain of early returns
 * whose order was the policy. Each guard either takes the message (and the turn ends there) or lets
 * it pass to the next; the last one, `dialog`, always takes it. The flow runtime consults the same
 * list, so a flow can never put itself in front of a guardrail (a request for a person, P1).
 */

/** The guards, in the order they are tried. */
export const messageGuardOrder = [
  /** Nothing readable (attachments only, empty): say what we can read. */
  'unreadable',
  /** Longer than MAX_MESSAGE_CHARS: ask for a shorter message. */
  'too-long',
  /** A proven agent: commands and relayed chat go to the agent desk. */
  'agent',
  /** A customer typing an agent command ("/accept"): commands are for agents. */
  'agent-command',
  /** A person is on the way or with the customer: the message goes to them. */
  'with-a-person',
  /** The customer asks for a person, in any words and any state (P1). */
  'asks-for-a-person',
  /** Offer buttons, "don't show me offers", a yes or no to an open offer (P6). */
  'offer-reply',
  /** "cancel", "never mind", "算了" inside a dialog-flow topic: the topic ends. */
  'cancel-topic',
  /** Everything else: the dialog in progress, or a new question. */
  'dialog',
] as const;

/** A guard's name. */
export type MessageGuardName = (typeof messageGuardOrder)[number];

/** One guard: returns true when it took the message. */
export interface MessageGuard<Turn> {
  readonly name: MessageGuardName;
  take(turn: Turn): Promise<boolean>;
}

/**
 * Puts guards in the documented order, refusing a list that misses one, repeats one or has one
 * the order does not know, so the order can only be changed here, on purpose.
 */
export function orderedGuards<Turn>(guards: readonly MessageGuard<Turn>[]): readonly MessageGuard<Turn>[] {
  const byName = new Map(guards.map((g) => [g.name, g] as const));
  if (byName.size !== guards.length) throw new TypeError('message guards: a guard is listed twice');
  return messageGuardOrder.map((name) => {
    const guard = byName.get(name);
    if (!guard) throw new TypeError(`message guards: "${name}" is missing`);
    return guard;
  });
}

/** Runs the guards in order; returns the name of the one that took the message. */
export async function runGuards<Turn>(guards: readonly MessageGuard<Turn>[], turn: Turn): Promise<MessageGuardName | undefined> {
  for (const guard of guards) {
    if (await guard.take(turn)) return guard.name;
  }
  return undefined;
}
