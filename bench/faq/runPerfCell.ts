/**
 * Runs one performance measurement (one system, one size) in a fresh child process with a hard
 * time limit, so memory figures are not polluted by earlier rows and a slow build cannot stall the run.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { PerfCellResult, PerfFigures, PerfRequest } from './perfResult';

/** Starts perfChild.ts under tsx, sends the request, waits for the answer or the deadline. */
export function runPerfCell(request: PerfRequest, systemName: string, timeoutSeconds: number): Promise<PerfCellResult> {
  const started = performance.now();
  const base = { systemId: request.systemId, system: systemName, entries: request.entries };
  const wallSeconds = (): number => (performance.now() - started) / 1000;
  return new Promise((resolve) => {
    const child = fork(path.join(__dirname, 'perfChild.ts'), [], {
      execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href, '--expose-gc', '--max-old-space-size=8192'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    const finish = (result: PerfCellResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ ...base, error: `timed out after ${timeoutSeconds} s`, wallSeconds: wallSeconds() });
    }, timeoutSeconds * 1000);
    child.on('message', (message: { figures?: PerfFigures; error?: string }) => {
      finish(message.figures ? { ...base, figures: message.figures, wallSeconds: wallSeconds() } : { ...base, error: message.error ?? 'no figures', wallSeconds: wallSeconds() });
    });
    child.on('exit', (code, signal) => finish({ ...base, error: `child exited (${signal ?? `code ${code}`}) without figures`, wallSeconds: wallSeconds() }));
    child.on('error', (error) => finish({ ...base, error: error.message, wallSeconds: wallSeconds() }));
    child.send(request);
  });
}
