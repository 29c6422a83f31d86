// Serialised answers of GET /recommendations/:product for requests without `exclude`: for a given
// model version, product and limit the answer never changes, and serialising it is most of what a
// request costs, so storefront traffic (the same popular products, over and over) is answered
// from a string. Per model object (a WeakMap), so a swapped-out version's answers go with it;
// bounded, so a crawler walking the whole catalogue cannot grow it without limit.
import type { ServedModel } from '../../domain/served-model.js'

export class AnswerCache<Answer = string> {
  readonly #byModel = new WeakMap<ServedModel, Map<number, Answer>>()
  readonly #maxEntries: number

  constructor (maxEntries: number) {
    this.#maxEntries = maxEntries
  }

  /** The cached answer for `key`, or `build()`'s, remembered. */
  get (model: ServedModel, key: number, build: () => Answer): Answer {
    let answers = this.#byModel.get(model)
    if (!answers) {
      answers = new Map()
      this.#byModel.set(model, answers)
    }
    let answer = answers.get(key)
    if (answer === undefined) {
      answer = build()
      // full: start over rather than track recency; the hot set refills within a few requests
      if (answers.size >= this.#maxEntries) answers.clear()
      answers.set(key, answer)
    }
    return answer
  }

  size (model: ServedModel): number {
    return this.#byModel.get(model)?.size ?? 0
  }
}
