extension Tape {
  /// Appends a node whose data comes from elsewhere (a graph a script built with its own
  /// classes, traced) and returns its id.
  ///
  /// Nothing is computed: the node holds `data` as given, whatever `kind` would give from its
  /// inputs, so a traced graph shows exactly the numbers the script computed.
  ///
  /// - Parameters:
  ///   - kind: the operation, or ``Operation/opaque`` for one the engine does not know.
  ///   - operand: the number operand (the exponent of `**`).
  ///   - data: the node's data.
  ///   - inputs: ids of earlier nodes, in operand order.
  ///   - name: the operation's name as the script wrote it, kept when it differs from the
  ///     engine's own name for `kind`.
  /// - Precondition: every input is a node of this tape.
  /// - Complexity: O(number of inputs).
  package func appendTraced(
    _ kind: Operation.Kind, operand: Double = 0, data value: Double, inputs: [Int],
    name: String
  ) -> Int {
    for input in inputs { check(input) }
    let id = start(kind, data: value, operand: operand, inputs: inputs.count)
    let target = inputIDs.base + inputCount
    for (position, input) in inputs.enumerated() {
      target[position] = Int32(truncatingIfNeeded: input)
    }
    finish(id, inputs: inputs.count)
    if Operation(kind: kind, operand: operand).symbol != name { opNames[id] = name }
    return id
  }

  /// The name of the operation that made node `id`, as micrograd's `_op` holds it: the
  /// script's own name when it gave one that differs, else ``Operation/symbol``.
  package func opSymbol(_ id: Int) -> String {
    let name = opNames[id]
    if !name.isEmpty || kinds[id] == .opaque { return name }
    return Operation(kind: kinds[id], operand: operands[id]).symbol
  }
}
