// Written out this way so the bundler finds the worker and builds it as its own file.
export const createSocketWorker = (): Worker =>
  new Worker(new URL('./socketWorker.ts', import.meta.url), { type: 'module', name: 'live-socket' });
