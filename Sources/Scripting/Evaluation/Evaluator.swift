import Autograd

/// Runs a parsed script: a tree-walking evaluator over statements and expressions, recording
/// `Value`s on one tape.
///
/// It keeps Python's scoping for what the language has: names assigned at the top level are
/// globals; a function's parameters and the names it assigns are its locals. Every statement
/// and expression evaluated counts one step against `maxSteps`; recursion is bounded by
/// ``Limits/maxCallDepth`` calls and ``Limits/maxEvaluationDepth`` nested expressions.
final class Evaluator {
  /// An active call of a user function.
  struct Frame {
    let function: FunctionDefinition
    /// The call expression.
    let callSpan: SourceSpan
    var locals: [String: Object]
  }

  /// How a block of statements finished.
  enum Completion {
    case normal
    case returned(Object)
  }

  let source: SourceText
  let tape: Tape
  let maxSteps: Int
  private let output: (String) -> Void

  var globals: [String: Object] = [:]
  var frames: [Frame] = []
  var steps = 0
  /// How many expressions are being evaluated, nested.
  var depth = 0
  /// The argument of the last `draw_dot(...)`.
  var drawnRoot: Value?
  /// The last `Value` a top-level assignment bound to a name.
  var lastAssigned: Value?
  /// Whether the script called `backward()` or `_backward()` or assigned a `grad`.
  var scriptSetGradients = false
  /// Printed text after the last line break, waiting for the rest of its line.
  private var pendingLine = String.UnicodeScalarView()

  init(source: SourceText, tape: Tape, maxSteps: Int, output: @escaping (String) -> Void) {
    self.source = source
    self.tape = tape
    self.maxSteps = maxSteps
    self.output = output
  }

  /// Runs the top-level statements.
  func run(_ statements: [Statement]) throws {
    _ = try execute(statements)
  }

  // MARK: - Errors

  /// A runtime error at `span`, with notes naming the calls it happened in, innermost first.
  func error(_ message: String, at span: SourceSpan, notes: [String] = []) -> ScriptError {
    source.error(message, at: span, notes: notes + callNotes())
  }

  /// `in f(), called at FILE:LINE:COL`, one note per active call; consecutive calls from the
  /// same place (recursion) share one note with a count.
  private func callNotes() -> [String] {
    var notes: [String] = []
    var index = frames.count - 1
    while index >= 0 {
      let frame = frames[index]
      var count = 1
      while index - count >= 0, frames[index - count].function === frame.function,
        frames[index - count].callSpan == frame.callSpan
      {
        count += 1
      }
      let times = count > 1 ? " (\(count) times)" : ""
      notes.append(
        "in \(frame.function.name)(), called at \(source.position(of: frame.callSpan))\(times)")
      index -= count
      if notes.count == 5, index >= 0 {
        notes.append("and \(index + 1) more calls")
        break
      }
    }
    return notes
  }

  /// Counts one step of evaluation.
  ///
  /// - Throws: when the script has taken `maxSteps` steps, at `span`, where it stopped.
  func step(at span: SourceSpan) throws {
    steps += 1
    if steps > maxSteps { throw tooManySteps(at: span) }
  }

  private func tooManySteps(at span: SourceSpan) -> ScriptError {
    error(
      "the script took too many steps and was stopped here", at: span,
      notes: ["the limit is \(maxSteps) steps"])
  }

  // MARK: - Names

  /// The object `name` refers to: a local of the current call, a global, or a builtin.
  func lookUp(_ name: String, at span: SourceSpan) throws -> Object {
    if let frame = frames.last, frame.function.localNames.contains(name) {
      if let object = frame.locals[name] { return object }
      throw error("local variable '\(name)' referenced before assignment", at: span)
    }
    if let object = globals[name] { return object }
    if let builtin = Builtin(rawValue: name) { return .builtin(builtin) }
    var visible =
      Array(globals.keys) + Builtin.allCases.map(\.rawValue) + ["True", "False", "None"]
    if let frame = frames.last { visible += frame.function.localNames }
    var notes = Suggestion.note(for: name, among: visible)
    if notes.isEmpty, ["math", "np", "numpy", "torch", "random", "plt"].contains(name) {
      notes = ["modules are not available; Value has tanh(), exp() and relu()"]
    }
    throw error("name '\(name)' is not defined", at: span, notes: notes)
  }

  /// Binds `name` to `object` in the current scope. At the top level, a `Value` with an empty
  /// label takes the name as its label and becomes the default root.
  func bind(_ name: String, to object: Object) {
    if frames.isEmpty {
      globals[name] = object
      if case .value(let value) = object {
        if value.label.isEmpty { value.label = name }
        lastAssigned = value
      }
    } else {
      frames[frames.count - 1].locals[name] = object
    }
  }

  // MARK: - Output

  /// Prints `text`: each complete line goes to the output; the rest waits for a line break.
  func write(_ text: String) {
    for scalar in text.unicodeScalars {
      if scalar == "\n" {
        output(String(pendingLine))
        pendingLine = String.UnicodeScalarView()
      } else {
        pendingLine.append(scalar)
      }
    }
  }

  /// Sends a pending partial line to the output.
  func flushOutput() {
    if !pendingLine.isEmpty {
      output(String(pendingLine))
      pendingLine = String.UnicodeScalarView()
    }
  }
}
