/// A prefix operator: `-x` or `+x`.
enum UnaryOperator: String {
  case negate = "-"
  case plus = "+"
}
