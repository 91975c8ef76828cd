// Entry of an import checking thread. Fupin runs TypeScript through tsx; a worker thread has tsx's loader only when
// it was handed down, otherwise (bin/fupin.mjs registers tsx at run time, the tsx command, vitest) it is registered
// here. A failed import is cached, hence the second URL.
try {
  await import('./check-worker.ts');
} catch (e) {
  if (e?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
  const { register } = await import('tsx/esm/api');
  register();
  await import('./check-worker.ts?tsx');
}
