/// What made a ``Value``: nothing (a leaf) or one of the engine's operations.
///
/// Each case's formula, derivatives and source are documented on its rule in `Operations`
/// and on the ``Value`` method that records it.
public enum Operation: Hashable, Sendable {
  /// A value created directly, such as `Value(2.0)`: an input or a parameter.
  case leaf
  /// A number literal taken into the graph, as in `2 * x` (micrograd wraps it in a `Value`).
  case constant
  /// `a + b`.
  case add
  /// `a - b`.
  case subtract
  /// `a * b`.
  case multiply
  /// `a / b`.
  case divide
  /// `-a`.
  case negate
  /// `a ** k` with a number exponent `k`.
  case power(Double)
  /// `tanh(a)`.
  case tanh
  /// `exp(a)`.
  case exp
  /// `max(0, a)`.
  case relu
  /// `ln(a)`, the natural logarithm.
  case log
  /// `1 / (1 + exp(-a))`, the logistic function.
  case sigmoid
  /// `a ** b` with a ``Value`` exponent `b`.
  case valuePower
  /// `sin(a)`, `a` in radians.
  case sin
  /// `x₀ + x₁ + … + xₙ₋₁`: any number of inputs added left to right, as one node.
  case sum
  /// `a₀·b₀ + a₁·b₁ + … (+ c)`: a weighted sum, as one node. Inputs come in pairs
  /// `a₀, b₀, a₁, b₁, …`; an odd last input `c` is added first (a neuron's bias).
  case dot

  /// The compact code stored on the tape; the exponent of `power` is stored beside it.
  package enum Kind: UInt8, Sendable, BitwiseCopyable, CaseIterable {
    case leaf, constant, add, subtract, multiply, divide, negate, power, tanh, exp, relu
    case log, sigmoid, valuePower, sum, dot, sin

    /// Calls `visitor` with the rule of this kind: the one place that maps a kind to its
    /// ``OperationRule``.
    ///
    /// Called with a kind known at compile time, the switch folds away; in a loop over a
    /// tape it is one jump to that rule's code, inlined.
    @inline(__always)
    package func accept<Visitor: OperationVisitor>(_ visitor: Visitor) -> Visitor.Result {
      switch self {
      case .leaf: visitor.visit(Operations.Leaf.self)
      case .constant: visitor.visit(Operations.Constant.self)
      case .add: visitor.visit(Operations.Add.self)
      case .subtract: visitor.visit(Operations.Subtract.self)
      case .multiply: visitor.visit(Operations.Multiply.self)
      case .divide: visitor.visit(Operations.Divide.self)
      case .negate: visitor.visit(Operations.Negate.self)
      case .power: visitor.visit(Operations.Power.self)
      case .tanh: visitor.visit(Operations.Tanh.self)
      case .exp: visitor.visit(Operations.Exp.self)
      case .relu: visitor.visit(Operations.ReLU.self)
      case .log: visitor.visit(Operations.Log.self)
      case .sigmoid: visitor.visit(Operations.Sigmoid.self)
      case .valuePower: visitor.visit(Operations.ValuePower.self)
      case .sum: visitor.visit(Operations.Sum.self)
      case .dot: visitor.visit(Operations.Dot.self)
      case .sin: visitor.visit(Operations.Sin.self)
      }
    }

    /// Whether nodes of this kind are made by no operation (leaves and constants); the same
    /// as `rule.arity == .none`, written out for the inner loops.
    @inline(__always)
    package var isLeaf: Bool { self == .leaf || self == .constant }
  }

  /// The operation of a node of `kind` with number operand `operand`.
  package init(kind: Kind, operand: Double) {
    switch kind {
    case .leaf: self = .leaf
    case .constant: self = .constant
    case .add: self = .add
    case .subtract: self = .subtract
    case .multiply: self = .multiply
    case .divide: self = .divide
    case .negate: self = .negate
    case .power: self = .power(operand)
    case .tanh: self = .tanh
    case .exp: self = .exp
    case .relu: self = .relu
    case .log: self = .log
    case .sigmoid: self = .sigmoid
    case .valuePower: self = .valuePower
    case .sum: self = .sum
    case .dot: self = .dot
    case .sin: self = .sin
    }
  }

  /// The tape's code for this operation, and its number operand (the exponent of `power`,
  /// else 0).
  package var encoded: (kind: Kind, operand: Double) {
    switch self {
    case .leaf: (.leaf, 0)
    case .constant: (.constant, 0)
    case .add: (.add, 0)
    case .subtract: (.subtract, 0)
    case .multiply: (.multiply, 0)
    case .divide: (.divide, 0)
    case .negate: (.negate, 0)
    case .power(let k): (.power, k)
    case .tanh: (.tanh, 0)
    case .exp: (.exp, 0)
    case .relu: (.relu, 0)
    case .log: (.log, 0)
    case .sigmoid: (.sigmoid, 0)
    case .valuePower: (.valuePower, 0)
    case .sum: (.sum, 0)
    case .dot: (.dot, 0)
    case .sin: (.sin, 0)
    }
  }

  /// Whether the value was made by no operation (a leaf or a constant).
  public var isLeaf: Bool { encoded.kind.isLeaf }

  /// The operation's name as micrograd writes it in `_op`: `+`, `*`, `**2`, `tanh`, `ReLU`...
  ///
  /// Leaves and constants have the empty name. The exponent of `power` is printed as Python
  /// prints the number (`**2`, `**-1`, `**0.5`), so `x**2` reads `**2` as in micrograd; a
  /// ``Value`` exponent reads `**`. Operations micrograd lacks are named `log`, `sigmoid`,
  /// `sin`, `sum` and `dot`.
  public var symbol: String {
    let (kind, operand) = encoded
    return kind.symbol(operand: operand)
  }
}
