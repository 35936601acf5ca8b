/// An arithmetic operator between two operands.
enum BinaryOperator: String {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case floorDivide = "//"
  case modulo = "%"
  case power = "**"

  /// Binding strength for the left-associative operators; higher binds tighter. `**` is
  /// parsed apart (right-associative, above unary minus on its left).
  var precedence: Int {
    switch self {
    case .add, .subtract: 1
    case .multiply, .divide, .floorDivide, .modulo: 2
    case .power: 3
    }
  }

  /// Python's name for the method behind the operator, which messages about unsupported
  /// operands mention: `__floordiv__` for `//`.
  var methodName: String {
    switch self {
    case .add: "__add__"
    case .subtract: "__sub__"
    case .multiply: "__mul__"
    case .divide: "__truediv__"
    case .floorDivide: "__floordiv__"
    case .modulo: "__mod__"
    case .power: "__pow__"
    }
  }

  init?(_ punctuation: Punctuation) {
    switch punctuation {
    case .plus: self = .add
    case .minus: self = .subtract
    case .star: self = .multiply
    case .slash: self = .divide
    case .doubleSlash: self = .floorDivide
    case .percent: self = .modulo
    case .doubleStar: self = .power
    default: return nil
    }
  }
}
