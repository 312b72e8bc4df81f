/**
 * Waiting for something that brings no event to await (a page's state, another process's store),
 * asking again every 100 ms.
 */

/** Waits until `check` resolves true, asking every 100 ms; fails saying `what` after `timeoutMs`. */
export async function until(check: () => Promise<boolean> | boolean, what: () => Promise<string> | string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not within ${timeoutMs} ms: ${await what()}`);
}
