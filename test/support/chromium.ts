/**
 * Debian's Chromium driven by playwright-core, launched the way this project's machines need it
 * (no sandbox as root, no background networking, a fresh profile). In CI a missing browser fails the
 * run; locally the browser tests skip with a printed reason.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

/** Where Debian installs Chromium; CHROMIUM_PATH overrides. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Skips the suite locally (or fails it in CI) when Chromium is not installed. */
export function requireChromium(ctx: Mocha.Context): void {
  if (existsSync(chromiumPath)) return;
  const reason = `Chromium not found at ${chromiumPath} (apt-get install -y chromium)`;
  if (process.env.CI === 'true') throw new Error(`${reason}; browser tests must run in CI`);
  console.log(`    skipping browser tests: ${reason}`);
  ctx.skip();
}

/** A headless Chromium with a fresh profile; `close()` removes the profile too. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'warmline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: flags,
    viewport: { width: 1000, height: 760 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
