extension Tape {
  /// The data of node `node` computed again from the data of its inputs now on the tape, by
  /// its rule's forward formula; a leaf's or constant's own data.
  ///
  /// `sum` adds its inputs left to right; `dot` starts from its bias (an odd last input) and
  /// adds each product in turn, as micrograd's `sum((wi*xi for ...), b)` does, so the result
  /// is the same to the last bit.
  ///
  /// - Complexity: O(number of inputs).
  package func evaluate(_ node: Int) -> Double {
    let kind = kinds[node]
    if kind.isLeaf { return data[node] }
    return kind.accept(Forward(x: operands(of: node), operand: operands[node]))
  }

  /// Runs the recorded computation again: recomputes the data of every node made by an
  /// operation, in creation order, from the data now held by its inputs.
  ///
  /// Change a leaf's `data`, call this, and every value downstream reflects the change; this
  /// is how finite differences are taken without re-running a script. Leaves and constants
  /// keep their data. Gradients are not touched. Like the plain operators, it follows IEEE
  /// 754 where an operation leaves its domain (`1/0` is inf); ``checkedForward(through:)``
  /// throws instead.
  ///
  /// - Parameter last: the last node to recompute; all nodes when `nil`.
  /// - Complexity: O(n + e) for n nodes recomputed and their e input edges; no recursion.
  public func forward(through last: Int? = nil) {
    let end = last.map { $0 + 1 } ?? count
    precondition(end <= count, "no node \(end - 1) on this tape (it has \(count))")
    for node in 0..<end where !kinds[node].isLeaf {
      data[node] = evaluate(node)
    }
  }

  /// Runs the recorded computation again as ``forward(through:)`` does, but stops at the
  /// first operation whose inputs are outside its domain.
  ///
  /// - Parameter last: the last node to recompute; all nodes when `nil`.
  /// - Throws: ``DomainError`` for the first node, in creation order, that divides by 0,
  ///   takes the log of a number `<= 0`, or raises 0 to a negative power or a negative number
  ///   to a fractional or ``Value`` power. Nodes before it hold their new data; it and the
  ///   nodes after it keep their old data.
  /// - Complexity: O(n + e) for n nodes recomputed and their e input edges; no recursion.
  public func checkedForward(through last: Int? = nil) throws(DomainError) {
    let end = last.map { $0 + 1 } ?? count
    precondition(end <= count, "no node \(end - 1) on this tape (it has \(count))")
    for node in 0..<end where !kinds[node].isLeaf {
      let check = DomainCheck(x: operands(of: node), operand: operands[node])
      if let error = kinds[node].accept(check) { throw error }
      data[node] = evaluate(node)
    }
  }
}
