/**
 * Waits for the next turn of the event loop. A long piece of work (a CSV import of thousands of
 * rows) calls it every so often: on SQLite every query is synchronous, so awaiting it gives no
 * other request a turn, and the server would not answer, not even `/healthz`, until the work
 * is done. Driver-free: it knows nothing of the database, only of the event loop.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Calls `nextTurn` every `every` calls: `const pace = pacer(50); for (…) await pace();`. */
export function pacer(every: number): () => Promise<void> {
  let count = 0;
  return async () => {
    count += 1;
    if (count % every === 0) await nextTurn();
  };
}
