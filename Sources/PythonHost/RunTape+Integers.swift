import Autograd

/// Which numbers the micrograd flavour holds as Python `int`s, so that it prints what
/// micrograd prints: `Value(2) * Value(3)` is `Value(data=6, grad=0)`, and after `backward()`
/// a leaf reached only through `+` has `grad=1`, not `grad=1.0`.
///
/// micrograd 0.1.0 computes with whatever Python numbers it is given, starting every grad at
/// the `int` 0 and seeding the root with the `int` 1; its engine.py gives these rules:
///
/// | op | data is an `int` when | the grad passed to an input is an `int` when |
/// |---|---|---|
/// | `a + b` | both are | the output's grad is |
/// | `a * b` | both are | the output's grad and the other input's data are |
/// | `a ** k` | `a` is and `k` is a non-negative `int` | that, and `k ≥ 1`, and the output's grad is |
/// | `relu` | `a` is, or `a < 0` (micrograd's `0 if a < 0 else a`) | the output's grad is |
/// | other ops | never (micrograd has no other; gradviz's compute in floats) | never |
///
/// A constant is an `int` when the number the script wrote is one. Everything else is a
/// float, and so is any sum that takes in one float.
extension RunTape {
  /// Marks the nodes recorded from `first` on (by one micrograd operation, in creation
  /// order) whose data micrograd would hold as an `int`. The new constants made from `int`s
  /// are marked already, when they are recorded.
  ///
  /// - Parameters:
  ///   - first: the first of the new nodes; the last is the tape's last.
  ///   - exponentIsInt: whether the exponent of a new `**` node is an `int`.
  /// - Complexity: O(new nodes).
  func markIntegerData(from first: Int, exponentIsInt: Bool) {
    // The columns once, not the tape's properties per node: see `Tape.columns`.
    let tape = self.tape.columns
    guard first < tape.count else { return }
    for node in first..<tape.count where !tape.kinds[node].isLeaf {
      // New nodes start as floats: only an `int` result is recorded. No allocation here:
      // this runs for every operation of a script that holds an `int` anywhere.
      let inputs = tape.inputRange(node)
      guard !inputs.isEmpty else { continue }
      let x = Int(tape.inputIDs[inputs.lowerBound])
      let isInt: Bool
      switch tape.kinds[node] {
      case .add, .multiply:
        isInt = inputs.allSatisfy { intData.contains(Int(tape.inputIDs[$0])) }
      case .power:
        isInt = exponentIsInt && tape.operands[node] >= 0 && intData.contains(x)
      case .relu:
        isInt = intData.contains(x) || tape.data[x] < 0
      case .leaf, .constant, .subtract, .divide, .negate, .tanh, .exp, .log, .sigmoid,
        .valuePower, .sum, .dot, .sin, .opaque:
        isInt = false
      }
      if isInt { intData.insert(node) }
    }
  }

  /// micrograd's `backward()`, as its engine.py runs it (``Tape/backward(from:accumulating:)``
  /// with `accumulating`): the root's grad is set to the `int` 1 and nothing is reset, so
  /// called twice without zeroing, interior grads add up too, as micrograd's do. First, one
  /// walk over the same nodes finds which grads stay `int`s, by the table's rules.
  ///
  /// - Complexity: O(`root` + edges below it), twice.
  func backwardKeepingIntegers(from root: Int) {
    tape.check(root)
    // Locals, not this class's properties, inside the loop, and the tape's columns read once
    // (`Tape.columns`): every access to a stored property of a class in another module is
    // checked for overlap at run time, which would cost more than the walk.
    let columns = tape.columns
    let intData = self.intData
    let before = self.intGrad
    var isInt = [Bool](repeating: false, count: root + 1)
    var reached = [Bool](repeating: false, count: root + 1)
    reached[root] = true
    isInt[root] = true
    var node = root
    while node >= 0 {
      defer { node -= 1 }
      guard reached[node], !columns.kinds[node].isLeaf else { continue }
      let inputs = columns.inputRange(node)
      for position in inputs {
        let input = Int(columns.inputIDs[position])
        if !reached[input] {
          reached[input] = true
          isInt[input] = !columns.gradKnown[input] || before.contains(input)
        }
        if isInt[input],
          !Self.passesInteger(
            node, to: position - inputs.lowerBound, of: inputs, upstream: isInt[node],
            columns: columns, intData: intData)
        {
          isInt[input] = false
        }
      }
    }
    tape.backward(from: root, accumulating: true)
    var after = before
    for node in 0...root where reached[node] {
      if isInt[node] { after.insert(node) } else { after.remove(node) }
    }
    intGrad = after
  }

  /// One node's chain-rule step (``Value/backwardStep()``), keeping each input's grad an
  /// `int` while what it adds up is.
  func backwardStepKeepingIntegers(_ node: Int) {
    tape.check(node)
    let columns = tape.columns
    let inputs = columns.inputRange(node)
    let upstream = !columns.gradKnown[node] || intGrad.contains(node)
    var stays: [Int: Bool] = [:]
    for position in inputs {
      let input = Int(columns.inputIDs[position])
      let was = stays[input] ?? (!columns.gradKnown[input] || intGrad.contains(input))
      stays[input] =
        was
        && Self.passesInteger(
          node, to: position - inputs.lowerBound, of: inputs, upstream: upstream,
          columns: columns, intData: intData)
    }
    tape.propagate(node)
    for (input, isInt) in stays {
      if isInt { intGrad.insert(input) } else { intGrad.remove(input) }
    }
  }

  /// Whether the grad `node` passes to its input at `position` is an `int`, given whether
  /// its own grad (`upstream`) is.
  private static func passesInteger(
    _ node: Int, to position: Int, of inputs: Range<Int>, upstream: Bool,
    columns: Tape.Columns, intData: NodeFlags
  ) -> Bool {
    guard upstream else { return false }
    let first = inputs.lowerBound
    switch columns.kinds[node] {
    case .add, .relu:
      return true
    case .multiply:
      return inputs.count == 2
        && intData.contains(Int(columns.inputIDs[first + 1 - position]))
    case .power:
      return columns.operands[node] >= 1 && intData.contains(node)
        && intData.contains(Int(columns.inputIDs[first]))
    case .leaf, .constant, .subtract, .divide, .negate, .tanh, .exp, .log, .sigmoid,
      .valuePower, .sum, .dot, .sin, .opaque:
      return false
    }
  }
}
