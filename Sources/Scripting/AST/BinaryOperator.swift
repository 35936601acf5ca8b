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
