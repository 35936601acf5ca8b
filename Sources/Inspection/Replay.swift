import Autograd

/// Moving values and running the recorded computation again, then putting everything back.
///
/// Finite differences and nudges change a value's data and replay the operations after it;
/// a ``Snapshot`` taken first restores every value afterwards, to the bit, so an inspection
/// never changes the graph it inspects.
enum Replay {
  /// The data of the values with ids `0 ... last` of a tape.
  struct Snapshot {
    let tape: Tape
    let data: [Double]

    /// Saves the data of the values with ids `0 ... last`.
    ///
    /// - Complexity: O(`last`).
    init(_ tape: Tape, through last: Int) {
      self.tape = tape
      data = (0...last).map { Value(tape: tape, id: $0).data }
    }

    /// Puts the saved data back.
    ///
    /// - Complexity: O(`last`).
    func restore() {
      for (id, x) in data.enumerated() { Value(tape: tape, id: id).data = x }
    }
  }

  /// Recomputes the data of the operations among `ids` (ascending tape ids, a topological
  /// order) from the data now held by their inputs, except those in `held`, which keep the
  /// data they were given.
  ///
  /// - Complexity: O(n + e) for the n values of `ids` and their e input edges.
  static func forward(_ tape: Tape, ids: some Sequence<Int>, holding held: Set<Int> = []) {
    for id in ids where held.isEmpty || !held.contains(id) {
      let value = Value(tape: tape, id: id)
      if value.isLeaf { continue }
      value.data = tape.evaluate(id)
    }
  }
}
