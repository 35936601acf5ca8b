/// Everything the engine knows about one kind of operation, declared once: its symbol, how
/// many inputs it takes, its forward formula, its local derivatives, where it is defined, and
/// how it is written and explained.
///
/// Each kind is one caseless enum in `Operations` (``Operations/Add``, ``Operations/Tanh``,
/// ...) whose doc comment gives the formula and its source. ``Operation/Kind/accept(_:)`` is
/// the one switch that maps a tape's kind code to its rule; forward, backward,
/// `localDerivatives`, replay, domain checks, symbols, pictures, tables and exports all go
/// through it, so a new operation is one rule, one case and one method on ``Value``.
///
/// The inputs' data reach a rule as an ``OperandData``: `x[0]`, `x[1]`, ... in operand order.
package protocol OperationRule {
  /// The operation's name as micrograd writes it in `_op` (`+`, `*`, `tanh`, `ReLU`); for a
  /// number power the base `**`, which ``symbol(operand:)`` completes. Empty for leaves.
  static var name: String { get }
  /// What an operation is called in prose: `ReLU`, `tanh`, `multiplication`.
  static var displayName: String { get }
  /// How many inputs the operation takes.
  static var arity: Operation.Arity { get }
  /// How a formula with this operation is written.
  static var notation: Operation.Notation { get }
  /// When, and why, the local derivative is 0.
  static var zeroDerivative: Operation.ZeroDerivative { get }
  /// Whether a node of this kind is a leaf, a constant or made by an operation.
  static var role: Operation.Role { get }

  /// The symbol of a node with number operand `operand` (the exponent of `**`).
  static func symbol(operand: Double) -> String

  /// The output's data from the inputs' data `x` and the number operand `operand` (the
  /// exponent of `**`, the value of a constant).
  static func forward(_ x: some OperandData, operand: Double) -> Double

  /// The local derivative of the output with respect to each input, `d out / d x[i]`, at
  /// inputs `x` and output `output`: calls `body(i, derivative)` for each input position `i`
  /// in order.
  static func partials(
    _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void)

  /// Checks that the operation is defined at `x` and `operand`.
  ///
  /// - Throws: ``DomainError`` when it is not; most operations are defined everywhere.
  static func checkDomain(_ x: some OperandData, operand: Double) throws(DomainError)
}

extension OperationRule {
  package static var displayName: String { name }
  package static var notation: Operation.Notation { .call }
  package static var zeroDerivative: Operation.ZeroDerivative { .none }
  package static var role: Operation.Role { .operation }
  @inline(__always)
  package static func symbol(operand: Double) -> String { name }
  @inline(__always)
  package static func checkDomain(_ x: some OperandData, operand: Double) throws(DomainError) {}
}

/// The data of one node's inputs, in operand order.
package protocol OperandData {
  /// The number of inputs.
  var count: Int { get }
  /// The data of input `position`.
  subscript(position: Int) -> Double { get }
}

/// The data of one or two inputs given as numbers (`b` is ignored for one-input operations).
package struct NumberOperands: OperandData {
  package let count: Int
  let a: Double
  let b: Double

  @inline(__always)
  package init(_ a: Double, _ b: Double, count: Int = 2) {
    self.a = a
    self.b = b
    self.count = count
  }

  @inline(__always)
  package subscript(position: Int) -> Double { position == 0 ? a : b }
}

/// The data of a node's inputs read from a tape's columns.
struct TapeOperands: OperandData {
  /// The node's input ids, `count` of them.
  let ids: UnsafeMutablePointer<Int32>
  let count: Int
  let data: UnsafeMutablePointer<Double>

  @inline(__always)
  subscript(position: Int) -> Double { data[Int(ids[position])] }
}

extension Operation {
  /// How many inputs an operation takes.
  package enum Arity: Hashable, Sendable {
    /// None: a leaf or a constant.
    case none
    /// Exactly this many.
    case exactly(Int)
    /// One or more.
    case oneOrMore
    /// Pairs `a₀, b₀, a₁, b₁, …`, then optionally one more (a bias); at least one input.
    case pairsAndBias
  }

  /// How a formula with the operation is written, for the inputs' names `a`, `b`.
  package enum Notation: Hashable, Sendable {
    /// `a + b`.
    case infix
    /// `a**2`: the operand, then the symbol with its number.
    case postfix
    /// `tanh(a)`, `sum(a, b, c)`.
    case call

    /// The formula for `symbol` applied to operands named `names`.
    package func formula(_ symbol: String, _ names: [String]) -> String {
      switch self {
      case .infix where names.count == 2: names[0] + " " + symbol + " " + names[1]
      case .postfix where names.count == 1: names[0] + symbol
      case .infix, .postfix, .call: symbol + "(" + names.joined(separator: ", ") + ")"
      }
    }
  }

  /// When an operation's local derivative is 0, for explaining a vanishing gradient.
  package enum ZeroDerivative: Hashable, Sendable {
    /// Nothing in particular: the derivative is 0 only at some points.
    case none
    /// 0 for every input not above 0 (a dead ReLU).
    case deadBelowZero
    /// 0 where the output saturates; `derivative` is the formula that becomes 0
    /// (`1 - tanh²`).
    case saturates(derivative: String)
    /// 0 with respect to one factor when the other factor is 0.
    case otherFactorIsZero
  }

  /// What made a node: nothing, a number literal, or an operation. Its raw value is the
  /// `kind` field of the JSON exports.
  package enum Role: String, Hashable, Sendable {
    case leaf, constant, operation
  }
}

/// An operation on the rule of a node's kind; see ``Operation/Kind/accept(_:)``.
package protocol OperationVisitor {
  associatedtype Result
  /// Does the operation with rule `rule`.
  func visit<Rule: OperationRule>(_ rule: Rule.Type) -> Result
}
