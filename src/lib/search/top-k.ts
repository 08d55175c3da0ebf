/**
 * The `k` best of a stream of scored items, best first, without sorting the whole stream: a
 * search for a common word matches thousands of entries, but a page shows fifty. O(n log k)
 * instead of O(n log n), and nothing allocated per item offered.
 */
export type RankCompare<T> = (a: T, aScore: number, b: T, bScore: number) => number;

export class TopK<T> {
  readonly #k: number;
  /** Negative when `a` ranks before `b`. */
  readonly #compare: RankCompare<T>;
  // A heap whose root is the worst item kept: the first to go when a better one arrives.
  readonly #items: T[] = [];
  readonly #scores: number[] = [];
  #count = 0;

  constructor(k: number, compare: RankCompare<T>) {
    this.#k = Math.max(0, k);
    this.#compare = compare;
  }

  /** How many items were offered in all. */
  get count(): number {
    return this.#count;
  }

  offer(item: T, score: number): void {
    this.#count++;
    const items = this.#items;
    const scores = this.#scores;
    if (items.length < this.#k) {
      items.push(item);
      scores.push(score);
      this.#siftUp(items.length - 1);
    } else if (
      items.length > 0 &&
      this.#compare(item, score, items[0] as T, scores[0] as number) < 0
    ) {
      items[0] = item;
      scores[0] = score;
      this.#siftDown(0);
    }
  }

  /** The kept items, best first. */
  take(): { item: T; score: number }[] {
    return this.#items
      .map((item, i) => ({ item, score: this.#scores[i] as number }))
      .sort((a, b) => this.#compare(a.item, a.score, b.item, b.score));
  }

  /** Whether the item at `i` ranks after the one at `j` (is worse). */
  #worse(i: number, j: number): boolean {
    const items = this.#items;
    const scores = this.#scores;
    return (
      this.#compare(items[i] as T, scores[i] as number, items[j] as T, scores[j] as number) > 0
    );
  }

  #swap(i: number, j: number): void {
    const items = this.#items;
    const scores = this.#scores;
    [items[i], items[j]] = [items[j] as T, items[i] as T];
    [scores[i], scores[j]] = [scores[j] as number, scores[i] as number];
  }

  #siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#worse(i, parent)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #siftDown(i: number): void {
    const size = this.#items.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < size && this.#worse(left, worst)) worst = left;
      if (right < size && this.#worse(right, worst)) worst = right;
      if (worst === i) return;
      this.#swap(i, worst);
      i = worst;
    }
  }
}
