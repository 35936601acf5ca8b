import Autograd

/// Runs gradviz scripts.
public enum Interpreter {
  /// Runs `script` on a fresh tape and returns the graph it built.
  ///
  /// The root to draw is the argument of the last `draw_dot(...)` call, or else the last
  /// `Value` that a top-level assignment bound to a name. A `Value` bound by a top-level
  /// assignment whose label is empty takes the name as its label (`d = a*b + c` is labelled
  /// `d`).
  ///
  /// - Parameters:
  ///   - script: the script to run.
  ///   - backward: ``BackwardMode/auto`` runs `root.backward()` after the script unless the
  ///     script computed gradients itself; ``BackwardMode/never`` leaves gradients alone.
  ///   - maxSteps: how many statements and expressions the script may evaluate before it is
  ///     stopped with an error.
  ///   - output: called with each line that `print` writes, without its newline. The script
  ///     runs on a thread of its own with a large stack while the calling thread waits, so
  ///     `output` is called on that thread.
  ///   - notes: called with a ``ScriptNote`` for each line that gradviz leaves out, such as a
  ///     plotting call or the walkthrough's own `Value` class, when the script reaches it;
  ///     on the same thread as `output`.
  /// - Returns: the tape, the root (`nil` if the script made no `Value`) and how gradients
  ///   were computed.
  /// - Throws: a ``ScriptError`` for syntax errors (all of them, reported before anything
  ///   runs), or for the first runtime error, such as an undefined name, a division by zero,
  ///   wrong argument counts, the step limit or too deep recursion; lines printed before a
  ///   runtime error have been passed to `output`.
  /// - Complexity: O(n) in the length of the script to parse, then one step per statement
  ///   and expression evaluated, plus O(nodes) for the backward pass.
  public static func run(
    _ script: Script, backward: BackwardMode = .auto, maxSteps: Int = defaultMaxSteps,
    output: (String) -> Void, notes: (ScriptNote) -> Void = { _ in }
  ) throws(ScriptError) -> ScriptRun {
    let result = withoutActuallyEscaping(output) { output in
      withoutActuallyEscaping(notes) { notes in
        InterpreterThread.run {
          execute(script, backward: backward, maxSteps: maxSteps, output: output, notes: notes)
        }
      }
    }
    return try result.get()
  }

  /// The step budget of ``run(_:backward:maxSteps:output:notes:)`` unless one is given: ten
  /// million statements and expressions, a few seconds of work.
  public static let defaultMaxSteps = 10_000_000

  /// Parses and runs `script`; called on the interpreter's thread.
  private static func execute(
    _ script: Script, backward: BackwardMode, maxSteps: Int, output: @escaping (String) -> Void,
    notes: @escaping (ScriptNote) -> Void
  ) -> Result<ScriptRun, ScriptError> {
    let source = SourceText(fileName: script.fileName, source: script.source)
    let statements: [Statement]
    do {
      statements = try Parser.parse(source)
    } catch {
      return .failure(ScriptError(error, in: source))
    }
    let tape = Tape()
    let evaluator = Evaluator(
      source: source, tape: tape, maxSteps: maxSteps, output: output, notes: notes)
    defer { evaluator.flushOutput() }
    do {
      try evaluator.run(statements)
    } catch {
      return .failure(ScriptError(error, in: source))
    }
    let root = evaluator.drawnRoot ?? evaluator.lastAssigned
    var ranBackward = false
    if backward == .auto, !evaluator.scriptSetGradients, let root {
      root.backward()
      ranBackward = true
    }
    return .success(
      ScriptRun(
        tape: tape, root: root, ranBackward: ranBackward,
        scriptSetGradients: evaluator.scriptSetGradients))
  }
}
