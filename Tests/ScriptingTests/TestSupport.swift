import Autograd
import Foundation
import Testing

@testable import Scripting

/// What a script printed and built.
struct Outcome {
  var run: ScriptRun
  var printed: [String]

  /// The last value on the tape with `label`.
  func value(_ label: String) -> Value? {
    let tape = run.tape
    return (0..<tape.count).reversed().lazy.map { Value(tape: tape, id: $0) }
      .first { $0.label == label }
  }
}

/// Runs `source` and collects what it prints.
func run(
  _ source: String, fileName: String = "t.mg", backward: BackwardMode = .auto,
  maxSteps: Int = 10_000_000
) throws -> Outcome {
  var printed: [String] = []
  let run = try Interpreter.run(
    Script(source: source, fileName: fileName), backward: backward, maxSteps: maxSteps
  ) { printed.append($0) }
  return Outcome(run: run, printed: printed)
}

/// The lines `print(expression)` writes.
func printed(_ expression: String) throws -> [String] {
  try run("print(\(expression))").printed
}

/// The diagnostic `source` fails with, or `nil` if it runs.
func diagnostic(_ source: String, fileName: String = "t.mg", maxSteps: Int = 10_000_000)
  -> String?
{
  do {
    _ = try run(source, fileName: fileName, maxSteps: maxSteps)
    return nil
  } catch {
    return (error as? ScriptError)?.description ?? "\(error)"
  }
}

/// Whether `actual` is within `relative` (relative) or `absolute` of `expected`.
func isClose(_ actual: Double, _ expected: Double, relative: Double = 1e-12, absolute: Double = 0)
  -> Bool
{
  abs(actual - expected) <= max(absolute, relative * abs(expected))
}

/// Runs `body` on a new thread with a `size`-byte stack and waits for it.
///
/// The evaluator and parser recurse; this checks that their bounds fit in small stacks.
func onThread<T: Sendable>(stackSize size: Int, _ body: @escaping @Sendable () -> T) -> T {
  let box = ResultBox<T>()
  let done = DispatchSemaphore(value: 0)
  let thread = Thread {
    box.result = body()
    done.signal()
  }
  thread.stackSize = size
  thread.start()
  done.wait()
  return box.result!
}

/// Carries a result from a helper thread to the thread that waits for it.
final class ResultBox<T>: @unchecked Sendable {
  var result: T?
}

/// The worked cases in `shared/cases`: beside the repository when it is there, else the copy
/// in Tests/Fixtures.
enum SharedCases {
  static let directory: URL = {
    let repository = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // ScriptingTests
      .deletingLastPathComponent()  // Tests
      .deletingLastPathComponent()  // the repository
    let beside = repository.deletingLastPathComponent().appendingPathComponent("shared/cases")
    if FileManager.default.fileExists(atPath: beside.path) { return beside }
    return repository.appendingPathComponent("Tests/Fixtures/shared/cases")
  }()

  static func script(_ name: String) throws -> Script {
    let url = directory.appendingPathComponent(name)
    return try Script(bytes: Array(Data(contentsOf: url)), fileName: name)
  }

  static var files: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".mg") }.sorted()
  }
}
