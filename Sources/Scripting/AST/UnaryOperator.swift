/// A prefix operator.
enum UnaryOperator: String {
  case negate = "-"
  case plus = "+"
  case not = "not"
}
