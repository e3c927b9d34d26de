import { Worker } from 'node:worker_threads';

/**
 * JSON bodies parsed on a worker thread, for the one route whose bodies are megabytes: the CSV
 * import (up to MAX_IMPORT_BYTES). JSON.parse of a 4 MiB file of short rows (two million `\r\n`
 * escapes) holds the thread for ~300 ms, during which the server answers nobody, `/healthz`
 * included; on a worker it costs the main thread a copy of the bytes and of the result.
 *
 * The bytes are decoded strictly: a body that is not UTF-8 is refused rather than silently
 * given U+FFFD in place of what it held. And, as Fastify's own parser does, keys that would
 * poison prototypes (`__proto__`, `constructor.prototype`) are refused.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const decoder = new TextDecoder('utf-8', { fatal: true });
const reviver = (key, value) => {
  if (key === '__proto__') throw new Error('prototype');
  if (key === 'constructor' && value && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, 'prototype')) {
    throw new Error('prototype');
  }
  return value;
};
parentPort.on('message', ({ id, bytes }) => {
  let text;
  try {
    text = decoder.decode(bytes);
  } catch {
    parentPort.postMessage({ id, error: 'encoding' });
    return;
  }
  try {
    parentPort.postMessage({ id, value: JSON.parse(text, reviver) });
  } catch {
    parentPort.postMessage({ id, error: 'json' });
  }
});
`;

/** A refused body: a 400 with the message key the route answers with. */
export class BodyError extends Error {
  readonly statusCode = 400;
  constructor(readonly messageKey: 'errors.invalidEncoding' | 'errors.invalidInput') {
    super(messageKey);
    this.name = 'BodyError';
  }
}

type Reply = { id: number; value?: unknown; error?: 'encoding' | 'json' };

export class JsonOffThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private next = 0;

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    // An idle parser must not keep the process alive.
    worker.unref();
    worker.on('message', ({ id, value, error }: Reply) => {
      const waiting = this.pending.get(id);
      if (!waiting) return;
      this.pending.delete(id);
      if (error) waiting.reject(new BodyError(error === 'encoding' ? 'errors.invalidEncoding' : 'errors.invalidInput'));
      else waiting.resolve(value);
    });
    const fail = (error: Error) => {
      // A worker that died takes its requests with it; the next body starts a new one.
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the JSON worker stopped')));
    this.worker = worker;
    return worker;
  }

  parse(bytes: Buffer): Promise<unknown> {
    const id = ++this.next;
    const worker = this.start();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, bytes });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
