/**
 * What the main dialog needs to put a customer in touch with a person: ask for one (queue, external
 * hub, or an honest "nobody can take it now"), and leave a message or book a callback instead.
 * Implemented in `adapters/handoff/`, which knows channels and conversation references.
 */
import type { TurnContext } from 'botbuilder';
import type { EscalationReason } from '../handoff/escalation';

/** Why and for what the customer needs a person. */
export interface PersonRequest {
  readonly reason: EscalationReason;
  readonly detail?: string;
  /** Topic of the last answer, which picks the queue. */
  readonly topic?: string;
  /** A queue named outright (a dialog-flow topic's TransferToAgent); wins over the topic and reason. */
  readonly queue?: string;
}

/** How the request went. */
export type PersonRequestResult =
  /** A person is on the way (queued, or the external hub took it); the customer has been told. */
  | { readonly kind: 'connected' }
  /** Nobody can take it now: offer a message or a callback (P8). */
  | {
      readonly kind: 'unavailable';
      readonly why: 'closed' | 'no-agent';
      readonly queueId: string;
      readonly queueName: string;
      readonly timeZone: string;
      readonly nextOpening?: string;
    };

/** What the customer left instead of waiting. */
export type LeftContact = { readonly kind: 'message'; readonly text: string } | { readonly kind: 'callback'; readonly at: string; readonly phone: string };

/** Puts customers in touch with people. */
export interface PersonRequester {
  request(context: TurnContext, request: PersonRequest): Promise<PersonRequestResult>;
  leaveContact(context: TurnContext, request: PersonRequest & { readonly queueId: string }, left: LeftContact): Promise<void>;
  /** Where the customer's known phone number is, for the callback offer (masked display happens in the dialog). */
  knownPhone(context: TurnContext): Promise<string | undefined>;
}
