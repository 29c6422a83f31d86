import t from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { InOrderQueue } from '../../../trainer/read/in-order.js'

t.test('results are consumed in push order although tasks finish out of order', async (t) => {
  const seen: number[] = []
  const queue = new InOrderQueue<number>(3, (value) => seen.push(value))
  const delays = [30, 5, 20, 1, 10, 2, 0]
  for (const [i, delay] of delays.entries()) await queue.push(sleep(delay).then(() => i))
  await queue.drain()
  t.same(seen, [0, 1, 2, 3, 4, 5, 6])
})

function deferred<T> (): { promise: Promise<T>, resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((_resolve) => { resolve = _resolve })
  return { promise, resolve }
}

t.test('at most `limit` unfinished tasks; a finished task waiting for an earlier one does not count', async (t) => {
  const seen: number[] = []
  const queue = new InOrderQueue<number>(2, (value) => seen.push(value))
  const head = deferred<number>()
  await queue.push(head.promise)
  await queue.push(Promise.resolve(1))
  await queue.push(Promise.resolve(2))
  t.pass('tasks 1 and 2 finished: pushing goes on while only the head is unfinished')
  t.same(seen, [], 'nothing is consumed before the head')
  const later = deferred<number>()
  let pushed = false
  const pushing = queue.push(later.promise).then(() => { pushed = true })
  await sleep(5)
  t.equal(pushed, false, 'two unfinished tasks: push waits')
  head.resolve(0)
  await pushing
  t.same(seen, [0, 1, 2])
  later.resolve(3)
  await queue.drain()
  t.same(seen, [0, 1, 2, 3])
})

t.test('a failed task fails the queue when its turn comes', async (t) => {
  const seen: number[] = []
  const queue = new InOrderQueue<number>(4, (value) => seen.push(value))
  await queue.push(Promise.resolve(1))
  await queue.push(Promise.reject(new Error('boom')))
  await queue.push(Promise.resolve(3))
  await t.rejects(queue.drain(), { message: 'boom' })
  t.same(seen, [1])
})
