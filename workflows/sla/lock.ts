// Serialises the clock's changes: handlers and the main loop both call activities, and two
// changes interleaving at an await would corrupt the ledger. Deterministic: plain promises.
export class Lock {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  /** No change is running or waiting. */
  get idle(): boolean {
    return this.pending === 0;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => {
        this.pending--;
      },
      () => {
        this.pending--;
      },
    );
    return result;
  }
}
