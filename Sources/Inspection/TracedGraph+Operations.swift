import Autograd
import Foundation

extension TracedGraph {
  /// What a node's `_op` string means to the engine.
  public enum Reading: Sendable, Equatable {
    /// A node made by no operation: an input, a parameter or a number the script wrapped.
    case leaf
    /// One of the engine's operations on `operands` (positions of earlier nodes, in operand
    /// order). `restored` is true when the script's `_prev` held one copy of an operand used
    /// twice (a `set` for `x*x`) and the node's data showed which operation it was.
    case known(Autograd.Operation, operands: [Int], restored: Bool)
    /// An op the engine does not have, or one whose inputs do not fit it; `reason` says which.
    case unknown(reason: String)

    /// Whether the node is one of the engine's operations.
    public var isKnown: Bool {
      if case .known = self { return true }
      return false
    }
  }

  /// How the engine reads each node's op: `+`, `-`, `*`, `/` and `**` (a `Value` exponent)
  /// with two inputs; `**k` with a number `k` (`**2`, `**-1`, `**0.5`), `tanh`, `exp`,
  /// `ReLU`, `log`, `sigmoid`, `neg` (and `-`) with one; `sum` (and `+`) with any number.
  /// Names are matched ignoring case and surrounding spaces (`relu`, `Tanh`).
  ///
  /// A two-input op with one input is the script's `set` of children keeping one copy of an
  /// operand used twice; it is read as `x op x` when the node's data is that, within a
  /// relative 1e-9, and as unknown otherwise. No other reading is guessed.
  ///
  /// - Complexity: O(n + e).
  public var readings: [Reading] {
    (0..<count).map(reading)
  }

  /// The reading of node `position`; see ``readings``.
  public func reading(_ position: Int) -> Reading {
    let op = ops[position].trimmingCharacters(in: .whitespaces)
    let list = inputs[position]
    if op.isEmpty {
      if list.isEmpty { return .leaf }
      return .unknown(
        reason: "it has \(Self.count(list.count, "input")) but no op name (_op is '')")
    }
    if list.isEmpty {
      return .unknown(reason: "'\(op)' with no inputs")
    }
    let lowered = op.lowercased()
    let unary: [String: Autograd.Operation] = [
      "tanh": .tanh, "exp": .exp, "relu": .relu, "log": .log, "ln": .log, "sigmoid": .sigmoid,
      "neg": .negate,
    ]
    let binary: [String: Autograd.Operation] = [
      "+": .add, "-": .subtract, "*": .multiply, "/": .divide, "**": .valuePower,
    ]
    if let operation = unary[lowered] {
      guard list.count == 1 else { return arity(op, list.count, 1) }
      return .known(operation, operands: list, restored: false)
    }
    if lowered == "sum" || (lowered == "+" && list.count > 2) {
      return .known(.sum, operands: list, restored: false)
    }
    if op.hasPrefix("**"), op.count > 2 {
      guard let k = Double(op.dropFirst(2).trimmingCharacters(in: .whitespaces)), k.isFinite
      else {
        return .unknown(reason: "'\(op)': the exponent after ** is not a number")
      }
      guard list.count == 1 else { return arity(op, list.count, 1) }
      return .known(.power(k), operands: list, restored: false)
    }
    if let operation = binary[lowered] {
      if list.count == 2 { return .known(operation, operands: list, restored: false) }
      guard list.count == 1 else { return arity(op, list.count, 2) }
      let x = data[list[0]]
      // `-` with one input is a negation, unless its data says x - x.
      if operation == .subtract, Self.close(data[position], -x) {
        return .known(.negate, operands: list, restored: false)
      }
      let twice = Self.forward(operation, x, x)
      if Self.close(data[position], twice) {
        return .known(operation, operands: [list[0], list[0]], restored: true)
      }
      return .unknown(
        reason:
          "'\(op)' has one input (\(name(list[0])) = \(NumberText.full(x))) and its data "
          + "\(NumberText.full(data[position])) is not \(name(list[0])) \(op) \(name(list[0])) "
          + "(\(NumberText.full(twice))): the other operand is not in _prev")
    }
    return .unknown(reason: "'\(op)' is not an operation gradviz knows")
  }

  private func arity(_ op: String, _ count: Int, _ expected: Int) -> Reading {
    .unknown(
      reason:
        "'\(op)' takes \(Self.count(expected, "input")), this node has \(Self.count(count, "input"))"
    )
  }

  static func count(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
  }

  /// `x op x` by the engine's formula.
  private static func forward(_ operation: Autograd.Operation, _ a: Double, _ b: Double) -> Double {
    let tape = Tape(capacity: 2)
    let x = Value(a, on: tape)
    let y = Value(b, on: tape)
    switch operation {
    case .add: return (x + y).data
    case .subtract: return (x - y).data
    case .multiply: return (x * y).data
    case .divide: return (x / y).data
    default: return (x ** y).data
    }
  }

  /// Equal, or within a relative 1e-9 (scaled by at least 1), or both NaN.
  static func close(_ a: Double, _ b: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
  }
}
