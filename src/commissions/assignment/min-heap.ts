/** Binary min-heap of (key, node) pairs; equal keys pop in a fixed order, which keeps runs reproducible. */
export class MinHeap {
  private keys = new Float64Array(256);
  private values = new Int32Array(256);
  private length = 0;

  get size(): number {
    return this.length;
  }

  push(key: number, value: number): void {
    if (this.length === this.keys.length) this.grow();
    let child = this.length++;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[child] = this.keys[parent];
      this.values[child] = this.values[parent];
      child = parent;
    }
    this.keys[child] = key;
    this.values[child] = value;
  }

  /** The smallest key; callers check `size` first. */
  peekKey(): number {
    return this.keys[0];
  }

  /** Removes the smallest entry and returns its value; callers check `size` first. */
  pop(): number {
    const top = this.values[0];
    const last = --this.length;
    if (last > 0) this.siftDown(this.keys[last], this.values[last], last);
    return top;
  }

  private siftDown(key: number, value: number, length: number): void {
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && this.keys[right] < this.keys[left] ? right : left;
      if (this.keys[child] >= key) break;
      this.keys[parent] = this.keys[child];
      this.values[parent] = this.values[child];
      parent = child;
    }
    this.keys[parent] = key;
    this.values[parent] = value;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const values = new Int32Array(this.values.length * 2);
    keys.set(this.keys);
    values.set(this.values);
    [this.keys, this.values] = [keys, values];
  }
}
