/// `and` or `or`.
enum LogicalOperator: String {
  case and, or
}
