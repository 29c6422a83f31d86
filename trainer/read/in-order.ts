// Lets tasks run concurrently while their results are consumed in the order the tasks were
// pushed. Only unfinished tasks count against the limit: a finished result waiting for an
// earlier, slower one does not hold a worker idle.

interface Entry<T> {
  done: boolean
  value?: T
  error?: unknown
}

export class InOrderQueue<T> {
  private readonly entries: Array<Entry<T>> = []
  private running = 0
  private wake: (() => void) | undefined

  /** `limit`: unfinished tasks allowed before push() waits; `consume` receives results in push order. */
  constructor (private readonly limit: number, private readonly consume: (value: T) => void) {}

  /**
   * Adds a task; resolves once fewer than `limit` tasks are unfinished. Rejects with a task's
   * error when that task's turn comes to be consumed.
   */
  async push (task: Promise<T>): Promise<void> {
    const entry: Entry<T> = { done: false }
    this.entries.push(entry)
    this.running++
    task.then((value) => { entry.value = value }, (error: unknown) => { entry.error = error ?? new Error('task failed') })
      .finally(() => {
        entry.done = true
        this.running--
        this.wake?.()
      })
    this.consumeReady()
    while (this.running >= Math.max(1, this.limit)) {
      await this.settled()
      this.consumeReady()
    }
  }

  /** Waits for every task and consumes the remaining results. */
  async drain (): Promise<void> {
    this.consumeReady()
    while (this.entries.length > 0) {
      await this.settled()
      this.consumeReady()
    }
  }

  private async settled (): Promise<void> {
    await new Promise<void>((resolve) => { this.wake = resolve })
    this.wake = undefined
  }

  private consumeReady (): void {
    while (this.entries.length > 0 && this.entries[0].done) {
      const entry = this.entries.shift() as Entry<T>
      if (entry.error !== undefined) throw entry.error
      this.consume(entry.value as T)
    }
  }
}
