// Serialises the clock's changes: handlers and the main loop both call activities, and two
// changes interleaving at an await would corrupt the ledger. Deterministic: plain promises.
export class Lock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
