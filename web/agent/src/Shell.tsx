/** The page frame: the bar with the title and controls, and the page below. */
import type { ReactNode } from 'react';

/** The bar at the top with the page's title and `controls`, and the page below it. */
export function Shell({ title, controls, children }: { title: string; controls: ReactNode; children: ReactNode }) {
  return (
    <div className="agent-page">
      <header className="bar">
        <h1>{title}</h1>
        {controls}
      </header>
      <main>{children}</main>
    </div>
  );
}
