import Dispatch

/// Frees what a finished run leaves behind, its syntax tree and its evaluator with the
/// script's objects, on a background queue, so that the caller gets the result without
/// waiting for a large script's tree to be taken apart (a tenth of the time to read a ten
/// megabyte script).
///
/// Nothing is shared: once a run is over, nothing else refers to its tree or its evaluator's
/// objects; its tape is shared with the ``ScriptRun``, and only its reference count is
/// touched here.
enum Disposal {
  private static let queue = DispatchQueue(label: "gradviz.scripting.disposal", qos: .utility)

  /// What to free, handed to the queue.
  private final class Remains: @unchecked Sendable {
    var statements: [Statement]
    var evaluator: Evaluator?

    init(statements: [Statement], evaluator: Evaluator) {
      self.statements = statements
      self.evaluator = evaluator
    }
  }

  /// Releases `statements` and `evaluator` on the background queue. The evaluator must have
  /// finished (``Evaluator/finish()``), so that it holds none of the caller's closures.
  static func release(_ statements: [Statement], _ evaluator: Evaluator) {
    let remains = Remains(statements: statements, evaluator: evaluator)
    queue.async {
      remains.statements = []
      remains.evaluator = nil
    }
  }
}
