/// A plain number: Python's `int` (64-bit here) or `float`.
enum Number {
  case int(Int)
  case float(Double)

  var double: Double {
    switch self {
    case .int(let value): Double(value)
    case .float(let value): value
    }
  }

  var isZero: Bool { double == 0 }

  var object: Object {
    switch self {
    case .int(let value): .int(value)
    case .float(let value): .float(value)
    }
  }

  /// The number as Python prints it in an expression: `2`, `2.0`.
  var text: String { object.text }
}
