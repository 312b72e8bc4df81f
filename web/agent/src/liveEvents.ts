/**
 * The workspace's live events (`GET /api/agent/events`, Server-Sent Events): one stream per page,
 * reopened after it drops. `onOpen` runs on every (re)connection so the page refetches what it may
 * have missed; `onDown` says the page is not live and shows the banner.
 */
import { useEffect, useRef, useState } from 'react';
import { eventsUrl } from './agentApi';

/** The event types of docs/AGENT_API.md, and `hello` (the stream's first, with the agent's presence). */
export const eventTypes = ['hello', 'inbox', 'message', 'typing', 'session', 'note', 'consult', 'presence'] as const;
export type LiveEventType = (typeof eventTypes)[number];

/** Listens while mounted; returns whether the stream is up. */
export function useLiveEvents(onEvent: (type: LiveEventType, data: Record<string, unknown>) => void, onOpen: () => void): boolean {
  const [up, setUp] = useState(false);
  const handlers = useRef({ onEvent, onOpen });
  handlers.current = { onEvent, onOpen };

  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource(eventsUrl, { withCredentials: true });
      source.onopen = () => {
        setUp(true);
        handlers.current.onOpen();
      };
      source.onerror = () => {
        setUp(false);
        // The browser retries by itself unless the answer was an error (closed): then we reopen.
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          retry = setTimeout(open, 3000);
        }
      };
      for (const type of eventTypes) {
        source.addEventListener(type, (event) => {
          let data: unknown;
          try {
            data = JSON.parse((event as MessageEvent<string>).data);
          } catch {
            return;
          }
          if (data && typeof data === 'object') handlers.current.onEvent(type, data as Record<string, unknown>);
        });
      }
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, []);
  return up;
}
