/**
 * `npm run kb -- eval … | head`: a reader that stops early closes the pipe. The command then stops
 * quietly, as Unix tools do, instead of dying on an unhandled EPIPE with a stack trace.
 */
export function stopQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(process.exitCode ?? 0);
    });
  }
}
