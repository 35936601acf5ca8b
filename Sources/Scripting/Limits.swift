/// The bounds that keep a script from crashing, hanging or overflowing the stack.
///
/// The parser and the evaluator recurse over syntax trees, so every tree and every chain of
/// calls is kept shallow: the deepest script these bounds allow needs under 4 MiB of stack in
/// a debug build, and scripts run on a thread with a 32 MiB stack (``InterpreterThread``).
enum Limits {
  /// How deeply brackets, unary operators, `**` exponents and blocks may nest.
  static let maxNesting = 200
  /// The most nodes on any path from the root of one expression to a leaf; `1+1+...+1` with
  /// more terms than this is too long.
  static let maxExpressionHeight = 1_000
  /// How many user-function calls may be active at once (Python's recursion limit).
  static let maxCallDepth = 100
  /// How many expressions may be under evaluation at once, across all active calls.
  static let maxEvaluationDepth = 1_500
  /// The longest string that `*` may build.
  static let maxStringLength = 10_000_000
}
