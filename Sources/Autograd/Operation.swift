/// What made a ``Value``: nothing (a leaf) or one of the engine's operations.
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
  /// `x₀ + x₁ + … + xₙ₋₁`: any number of inputs added left to right, as one node.
  case sum
  /// `a₀·b₀ + a₁·b₁ + … (+ c)`: a weighted sum, as one node. Inputs come in pairs
  /// `a₀, b₀, a₁, b₁, …`; an odd last input `c` is added first (a neuron's bias).
  case dot
  /// An operation of a script's own that the engine knows only by name (kept in the tape's
  /// op names): its data and grad come from the script, it has no forward formula or local
  /// derivative here, and forward replay keeps its data.
  case opaque

  /// The compact code stored on the tape; the exponent of `power` is stored beside it.
  package enum Kind: UInt8, Sendable, BitwiseCopyable {
    case leaf, constant, add, subtract, multiply, divide, negate, power, tanh, exp, relu
    case log, sigmoid, valuePower, sum, dot, opaque

    /// Whether nodes of this kind are made by no operation (leaves and constants).
    @inline(__always)
    package var isLeaf: Bool { self == .leaf || self == .constant }
  }

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
    case .opaque: self = .opaque
    }
  }

  /// Whether the value was made by no operation (a leaf or a constant).
  public var isLeaf: Bool { self == .leaf || self == .constant }

  /// The operation's name as micrograd writes it in `_op`: `+`, `*`, `**2`, `tanh`, `ReLU`...
  ///
  /// Leaves and constants have the empty name. The exponent of `power` is printed as Python
  /// prints the number (`**2`, `**-1`, `**0.5`), so `x**2` reads `**2` as in micrograd; a
  /// ``Value`` exponent reads `**`. Operations micrograd lacks are named `log`, `sigmoid`,
  /// `sum` and `dot`.
  public var symbol: String {
    switch self {
    case .leaf, .constant: ""
    case .add: "+"
    case .subtract: "-"
    case .multiply: "*"
    case .divide: "/"
    case .negate: "neg"
    case .power(let k): "**" + PythonFormat.number(k)
    case .tanh: "tanh"
    case .exp: "exp"
    case .relu: "ReLU"
    case .log: "log"
    case .sigmoid: "sigmoid"
    case .valuePower: "**"
    case .sum: "sum"
    case .dot: "dot"
    case .opaque: "?"
    }
  }
}
