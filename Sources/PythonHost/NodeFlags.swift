/// One flag per node of a run's tape, as a `Set<Int>` of node ids would hold them, with
/// `contains` and `insert` one array access each: the micrograd flavour reads and writes them
/// for every operation and every node of a backward pass.
struct NodeFlags {
  private var flags: [Bool] = []
  /// Whether no flag was ever set (a fast path for scripts without `int`s).
  private(set) var isEmpty = true

  /// Whether `node`'s flag is set.
  @inline(__always)
  func contains(_ node: Int) -> Bool {
    node < flags.count && flags[node]
  }

  /// Sets `node`'s flag.
  @inline(__always)
  mutating func insert(_ node: Int) {
    if node >= flags.count {
      flags.append(
        contentsOf: repeatElement(false, count: Swift.max(node + 1, 2 * flags.count) - flags.count))
    }
    flags[node] = true
    isEmpty = false
  }

  /// Clears `node`'s flag.
  @inline(__always)
  mutating func remove(_ node: Int) {
    if node < flags.count { flags[node] = false }
  }
}
