/**
 * A Direct Line look-alike for Web Chat that talks to the test chat API instead of a Direct Line
 * service: Web Chat subscribes to `activity$` and `connectionStatus$` and calls `postActivity`, as it
 * does with botframework-directlinejs. Each post is one turn on the server, answered with the
 * customer's activity (Web Chat waits for that echo), the bot's replies and the turn's trace.
 */

/** Direct Line's connection states that Web Chat reads. */
export const connectionStatus = { uninitialized: 0, connecting: 1, online: 2, failedToConnect: 4, ended: 5 } as const;

interface Observer<T> {
  next?(value: T): void;
  error?(error: unknown): void;
  complete?(): void;
}

/** The smallest observable Web Chat's sagas can use: subscribe with an observer, unsubscribe. */
class Subject<T> {
  private readonly observers = new Set<Observer<T>>();
  constructor(private last?: { value: T }) {}

  subscribe(observer: Observer<T> | ((value: T) => void)) {
    const o: Observer<T> = typeof observer === 'function' ? { next: observer } : observer;
    this.observers.add(o);
    this.onSubscribe?.();
    if (this.last) o.next?.(this.last.value);
    return { unsubscribe: () => void this.observers.delete(o) };
  }

  /** Told of each new subscriber (the first one starts the connection, as Direct Line's does). */
  onSubscribe?: () => void;

  next(value: T, remember = false): void {
    if (remember) this.last = { value };
    for (const o of [...this.observers]) o.next?.(value);
  }
}

/** A one-value observable for `postActivity`: the activity's id, or the error. */
function once<T>(work: Promise<T>) {
  return {
    subscribe(observer: Observer<T>) {
      let live = true;
      work.then(
        (value) => {
          if (!live) return;
          observer.next?.(value);
          observer.complete?.();
        },
        (error: unknown) => live && observer.error?.(error),
      );
      return { unsubscribe: () => void (live = false) };
    },
  };
}

/** What a turn answers with, as the test chat's API sends it. */
export interface TurnAnswer<Trace> {
  readonly conversationId: string;
  readonly activity: Record<string, unknown>;
  readonly replies: readonly Record<string, unknown>[];
  readonly trace: Trace;
}

/** How the look-alike reaches the server and reports what happened. */
export interface PreviewDirectLineOptions<Trace, Turn extends TurnAnswer<Trace>> {
  /** Starts the conversation (the bot greets). */
  start(): Promise<Turn>;
  /** Runs one turn on the conversation. */
  send(conversationId: string, activity: Record<string, unknown>): Promise<Turn>;
  /** Told about every turn that ran (for the trace panel). */
  onTurn(turn: Turn): void;
  /** Told when the conversation could not start. */
  onFailed(error: unknown): void;
}

/** The object handed to Web Chat as `directLine`; `flush()` shows the greeting once Web Chat listens. */
export function createPreviewDirectLine<Trace, Turn extends TurnAnswer<Trace>>(options: PreviewDirectLineOptions<Trace, Turn>) {
  const activity$ = new Subject<Record<string, unknown>>();
  const connectionStatus$ = new Subject<number>({ value: connectionStatus.uninitialized });
  let conversationId: string | undefined;
  let started = false;
  let held: Record<string, unknown>[] = [];
  let listening = false;

  const show = (activities: readonly Record<string, unknown>[]): void => {
    if (!listening) held.push(...activities);
    else for (const a of activities) activity$.next(a);
  };

  activity$.onSubscribe = () => {
    if (started) return;
    started = true;
    connectionStatus$.next(connectionStatus.connecting, true);
    options.start().then(
      (turn) => {
        conversationId = turn.conversationId;
        connectionStatus$.next(connectionStatus.online, true);
        show(turn.replies);
        options.onTurn(turn);
      },
      (error: unknown) => {
        connectionStatus$.next(connectionStatus.failedToConnect, true);
        options.onFailed(error);
      },
    );
  };

  return {
    activity$,
    connectionStatus$,
    /** Web Chat is connected and listening: show what the bot said so far (the greeting). */
    flush(): void {
      listening = true;
      const waiting = held;
      held = [];
      show(waiting);
    },
    postActivity(activity: Record<string, unknown>) {
      const work = (async () => {
        if (!conversationId) throw new Error('The test chat has not started');
        const turn = await options.send(conversationId, activity);
        show([turn.activity]);
        // Web Chat marks the message sent when its echo arrives, then shows the replies after it.
        queueMicrotask(() => {
          show(turn.replies);
          options.onTurn(turn);
        });
        return String(turn.activity.id);
      })();
      return once(work);
    },
    end(): void {
      connectionStatus$.next(connectionStatus.ended, true);
    },
  };
}
