import Autograd

/// Graphs that a script built with its own classes, as the engine records them.
enum TracedGraph {
  /// The engine's operation for a script's op name with `arity` inputs, and its number
  /// operand; ``Operation/opaque`` when the name is not one of the engine's (or the inputs
  /// do not fit it, as micrograd's `set` of children gives `a + a` one input).
  static func kind(for op: String, arity: Int) -> (Operation.Kind, Double) {
    switch (op, arity) {
    case ("", 0): return (.leaf, 0)
    case ("+", 2): return (.add, 0)
    case ("-", 2): return (.subtract, 0)
    case ("*", 2): return (.multiply, 0)
    case ("/", 2): return (.divide, 0)
    case ("**", 2): return (.valuePower, 0)
    case ("neg", 1): return (.negate, 0)
    case ("tanh", 1): return (.tanh, 0)
    case ("exp", 1): return (.exp, 0)
    case ("ReLU", 1), ("relu", 1): return (.relu, 0)
    case ("log", 1): return (.log, 0)
    case ("sigmoid", 1): return (.sigmoid, 0)
    case ("sin", 1): return (.sin, 0)
    default:
      if arity == 1, op.hasPrefix("**"), let k = Double(op.dropFirst(2)) { return (.power, k) }
      return (.opaque, 0)
    }
  }

  /// Appends a node with the script's `data` and op name to `tape`; returns its id.
  static func append(op: String, data: Double, inputs: [Int], on tape: Tape) -> Int {
    let (kind, operand) = kind(for: op, arity: inputs.count)
    if kind == .leaf { return Value(data, on: tape).id }
    return tape.appendTraced(kind, operand: operand, data: data, inputs: inputs, name: op)
  }
}
