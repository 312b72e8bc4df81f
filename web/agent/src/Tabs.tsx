/** A row of tabs used the way the WAI-ARIA tabs pattern says: arrow keys, Home and End move between them; only the chosen one is in the Tab order. */
import { useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

/** One tab: its id, its label, and anything to show beside the label (a badge). */
export interface TabSpec {
  readonly id: string;
  readonly label: ReactNode;
  readonly testId?: string;
  readonly className?: string;
}

export function Tabs({ label, tabs, selected, onSelect }: { label: string; tabs: readonly TabSpec[]; selected: string | undefined; onSelect: (id: string) => void }) {
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent, index: number) => {
    const to = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : undefined;
    if (to === undefined) return;
    event.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[(to + tabs.length) % tabs.length]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={label} ref={list}>
      {tabs.map((t, i) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          className={t.className}
          data-testid={t.testId}
          aria-selected={t.id === selected}
          tabIndex={t.id === selected || (selected === undefined && i === 0) ? 0 : -1}
          onClick={() => onSelect(t.id)}
          onKeyDown={(e) => move(e, i)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
