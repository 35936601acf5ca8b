/// The bounds that keep a script from crashing, hanging or overflowing the stack.
///
/// The parser and the evaluator recurse over syntax trees, so every tree and every chain of
/// calls is kept shallow: the deepest script these bounds allow needs a few MiB of stack in
/// a debug build, and scripts run on a thread with a 64 MiB stack (``InterpreterThread``).
/// Everything else a script can do is bounded by its step budget (`maxSteps`), which every
/// statement, expression and element made or consumed by a builtin counts against.
enum Limits {
  /// How deeply brackets, unary operators, `**` exponents, comprehension clauses and blocks
  /// may nest.
  static let maxNesting = 200
  /// The most nodes on any path from the root of one expression to a leaf; `1+1+...+1` with
  /// more terms than this is too long.
  static let maxExpressionHeight = 1_000
  /// How many user-function calls may be active at once (Python's recursion limit).
  static let maxCallDepth = 100
  /// How many expressions and blocks may be under evaluation at once, across all active
  /// calls.
  static let maxEvaluationDepth = 1_500
  /// How deeply lists and tuples may nest for printing and comparing them.
  static let maxObjectDepth = 200
  /// The longest string that `*`, `+` or formatting may build.
  static let maxStringLength = 10_000_000
  /// The most elements a list or tuple may have.
  static let maxCollectionLength = 10_000_000
  /// The most parameters a model of micrograd's nn may have.
  static let maxModelParameters = 1_000_000
  /// How many syntax errors are reported before the parser gives up.
  static let maxReportedErrors = 20
}
