import Inspection
import PythonHost

/// `derivative`'s expressions, evaluated with the embedded Python.
enum ExpressionEvaluation {
  /// Runs a program that ``ExpressionDerivative`` generated and returns what it printed and
  /// the last `Value` it bound.
  ///
  /// - Throws: ``InspectionError/expression(_:)`` with the diagnostic, pointed into the
  ///   expression alone (`<expr>:1:COLUMN`) when the error is on the expression's line.
  static func evaluate(_ source: String, line: Int, prefix: String) throws(InspectionError)
    -> ExpressionDerivative.Evaluation
  {
    do {
      let run = try ScriptHost.run(
        Script(source: source, fileName: "<expr>"),
        options: ScriptHost.Options(backward: .never, timeout: 60, output: .capture))
      var printed = (run.output ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init)
      if printed.last == "" { printed.removeLast() }
      return ExpressionDerivative.Evaluation(printed: printed, root: run.root)
    } catch {
      throw .expression(error.relocated(line: line, shift: prefix.count))
    }
  }
}
