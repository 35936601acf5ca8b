/// A scalar in a computation graph: its data, its gradient and how it was made.
///
/// `Value` is a handle to one node of a ``Tape``. Copies of a `Value` refer to the same node;
/// two values are equal when they are the same node, never because their data match.
/// Creating values with operators records new nodes on the tape of their operands.
///
/// ```swift
/// let tape = Tape()
/// let a = Value(2.0, label: "a", on: tape)
/// let b = Value(-3.0, label: "b", on: tape)
/// let d = a * b + 10   // Value(data=4.0)
/// d.backward()         // a.grad == -3, b.grad == 2
/// ```
///
/// A value is not `Sendable`: it refers to its tape, which is not thread-safe.
public struct Value: Hashable {
  /// The tape that records this value.
  public let tape: Tape
  /// The node's position on its tape: its index in creation order, a topological order.
  public let id: Int

  /// Wraps node `id` of `tape`.
  ///
  /// - Precondition: `id` is a node of `tape`.
  public init(tape: Tape, id: Int) {
    tape.check(id)
    self.tape = tape
    self.id = id
  }

  /// Wraps node `id` of `tape`, which the caller has just recorded.
  @inline(__always)
  init(recorded id: Int, on tape: Tape) {
    self.tape = tape
    self.id = id
  }

  /// Creates a leaf (an input or a parameter) on ``Tape/current``, the tape of the enclosing
  /// ``Tape/withCurrent(_:_:)`` scope.
  ///
  /// ```swift
  /// Tape.withCurrent { _ in
  ///   let a = Value(2.0, label: "a")
  ///   ...
  /// }
  /// ```
  ///
  /// - Parameters:
  ///   - data: the number.
  ///   - label: the name shown in pictures and tables; may be empty.
  /// - Precondition: a ``Tape/withCurrent(_:_:)`` scope is running on this thread; outside
  ///   one this stops the program with a message saying so (use `Value(_:label:on:)`).
  public init(_ data: Double, label: String = "") {
    self.init(data, label: label, on: Tape.current)
  }

  /// Creates a leaf on `tape`.
  public init(_ data: Double, label: String = "", on tape: Tape) {
    self.tape = tape
    self.id = tape.appendLeaf(.leaf, data: data, label: label)
  }

  /// Takes a number literal into the graph, as micrograd's `Value(other)` does in `2 * x`.
  ///
  /// The node is a ``Operation/constant``: a leaf with an empty label.
  public static func constant(_ data: Double, on tape: Tape) -> Value {
    Value(recorded: tape.appendLeaf(.constant, data: data), on: tape)
  }

  /// The number this value holds.
  ///
  /// Setting it changes this node only; ``Tape/forward(through:)`` recomputes the values
  /// made from it.
  public var data: Double {
    get {
      tape.check(id)
      return tape.data[id]
    }
    nonmutating set {
      tape.check(id)
      tape.data[id] = newValue
    }
  }

  /// The derivative of the last `backward()` root with respect to this value.
  ///
  /// Setting it marks the gradient as computed (see ``isGradComputed``).
  public var grad: Double {
    get {
      tape.check(id)
      return tape.grad[id]
    }
    nonmutating set {
      tape.check(id)
      tape.grad[id] = newValue
      tape.gradKnown[id] = true
      if id >= tape.gradsZeroFrom { tape.gradsZeroFrom = id + 1 }
    }
  }

  /// Whether a gradient was computed for or assigned to this value; `false` means ``grad`` is
  /// only the initial 0, which pictures and tables show as not computed.
  public var isGradComputed: Bool {
    tape.check(id)
    return tape.gradKnown[id]
  }

  /// The name shown in pictures and tables; may be empty.
  public var label: String {
    get {
      tape.check(id)
      return tape.labels[id]
    }
    nonmutating set {
      tape.check(id)
      tape.labels[id] = newValue
    }
  }

  /// The operation that made this value.
  public var operation: Operation {
    tape.check(id)
    return Operation(kind: tape.kinds[id], operand: tape.operands[id])
  }

  /// The tape's code for ``operation``, which leads to its rule.
  package var kind: Operation.Kind {
    tape.check(id)
    return tape.kinds[id]
  }

  /// The operation's name as micrograd's `_op` holds it (`"+"`, `"*"`, `"tanh"`); empty for
  /// a leaf.
  public var op: String {
    tape.check(id)
    return tape.opSymbol(id)
  }

  /// The values this one was computed from, in operand order. `x * x` has `[x, x]`.
  public var inputs: [Value] {
    tape.check(id)
    return tape.inputs(of: id).map { Value(recorded: Int($0), on: tape) }
  }

  /// Whether this value was made by no operation (an input, a parameter or a constant).
  public var isLeaf: Bool { operation.isLeaf }

  public static func == (lhs: Value, rhs: Value) -> Bool {
    lhs.tape === rhs.tape && lhs.id == rhs.id
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(ObjectIdentifier(tape))
    hasher.combine(id)
  }
}
