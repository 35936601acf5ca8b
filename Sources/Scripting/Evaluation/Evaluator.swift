import Autograd

/// Runs a parsed script: a tree-walking evaluator over statements and expressions, recording
/// `Value`s on one tape.
///
/// It keeps Python's scoping: names bound at the top level are globals; a function's
/// parameters and the names it binds are its locals; a nested function or lambda reads the
/// names of the functions around it; a comprehension has its own scope. Every statement,
/// expression and element that a builtin consumes counts one step against `maxSteps`;
/// recursion is bounded by ``Limits/maxCallDepth`` calls and ``Limits/maxEvaluationDepth``
/// nested expressions and blocks.
final class Evaluator {
  /// An active call of a user function, for the notes of runtime errors.
  struct Frame {
    let function: FunctionDefinition
    /// The call expression.
    let callSpan: SourceSpan
  }

  /// How a block of statements finished.
  enum Completion {
    case normal
    case returned(Object)
    case breakLoop
    case continueLoop
  }

  let source: SourceText
  let tape: Tape
  let maxSteps: Int
  private let output: (String) -> Void
  private let notes: (ScriptNote) -> Void

  var globals: [String: Object] = [:]
  /// The innermost function or comprehension scope; `nil` at the top level.
  var scope: Scope?
  var frames: [Frame] = []
  var steps = 0
  /// How many expressions and blocks are being evaluated, nested.
  var depth = 0
  /// The argument of the last `draw_dot(...)`.
  var drawnRoot: Value?
  /// The last `Value` a top-level assignment bound to a name.
  var lastAssigned: Value?
  /// Whether the script called `backward()` or `_backward()` or assigned a `grad`.
  var scriptSetGradients = false
  /// The generator of the `random` module.
  var random = MersenneTwister(seed: 0)
  /// The script's top-level statements.
  private var program: [Statement] = []
  /// The line on which each global name is first bound, for "defined on line N" notes;
  /// worked out when an error needs it.
  lazy var bindingLines: [String: Int] = {
    var lines: [String: Int] = [:]
    recordBindingLines(program, into: &lines)
    return lines
  }()
  /// Printed text after the last line break, waiting for the rest of its line.
  private var pendingLine = String.UnicodeScalarView()

  init(
    source: SourceText, tape: Tape, maxSteps: Int, output: @escaping (String) -> Void,
    notes: @escaping (ScriptNote) -> Void
  ) {
    self.source = source
    self.tape = tape
    self.maxSteps = maxSteps
    self.output = output
    self.notes = notes
  }

  /// Runs the top-level statements.
  func run(_ statements: [Statement]) throws {
    program = statements
    for statement in statements {
      try executeTopLevel(statement)
    }
  }

  /// Notes the first line on which each name is bound by `statements` and the blocks inside
  /// them, but not inside functions. Blocks nest at most ``Limits/maxNesting`` deep.
  private func recordBindingLines(_ statements: [Statement], into lines: inout [String: Int]) {
    for statement in statements {
      var names: [String] = []
      switch statement.kind {
      case .assignment(let targets, _): names = targets.flatMap(\.names)
      case .augmentedAssignment(let target, _, _, _): names = target.names
      case .functionDefinition(let definition): names = [definition.name]
      case .import(let bindings): names = bindings.map(\.name)
      case .for(let target, _, let body, let orElse):
        names = target.names
        recordBindingLines(body + orElse, into: &lines)
      case .if(let branches, let orElse):
        recordBindingLines(branches.flatMap(\.body) + orElse, into: &lines)
      case .while(let branch, let orElse):
        recordBindingLines(branch.body + orElse, into: &lines)
      default: break
      }
      let line = source.location(of: statement.span.start).line
      for name in names where lines[name] == nil || lines[name, default: 0] > line {
        lines[name] = line
      }
    }
  }

  // MARK: - Errors and notes

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

  /// Reports a note at `span`.
  func note(_ message: String, at span: SourceSpan) {
    let (line, column) = source.location(of: span.start)
    notes(ScriptNote(fileName: source.fileName, line: line, column: column, message: message))
  }

  /// Counts one step of evaluation.
  ///
  /// - Throws: when the script has taken `maxSteps` steps, at `span`, where it stopped.
  @inline(__always)
  func step(at span: SourceSpan) throws {
    steps += 1
    if steps > maxSteps { throw tooManySteps(at: span) }
  }

  /// Counts `count` steps of work done at once, such as the elements of a list repeated.
  func charge(_ count: Int, at span: SourceSpan) throws {
    steps = steps.addingReportingOverflow(count).overflow ? Int.max : steps + count
    if steps > maxSteps { throw tooManySteps(at: span) }
  }

  private func tooManySteps(at span: SourceSpan) -> ScriptError {
    error(
      "the script took too many steps and was stopped here", at: span,
      notes: [
        "the limit is \(maxSteps) steps; raise it with --max-steps if the script is meant to run longer"
      ])
  }

  /// Enters an expression or a block.
  ///
  /// - Throws: `maximum recursion depth exceeded` past ``Limits/maxEvaluationDepth`` levels.
  @inline(__always)
  func enter(_ span: SourceSpan) throws {
    depth += 1
    if depth > Limits.maxEvaluationDepth {
      depth -= 1
      throw error("maximum recursion depth exceeded", at: span)
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
