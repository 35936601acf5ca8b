import ArgumentParser
import Autograd
import Foundation
import Scripting

/// The input every subcommand takes: a script file, standard input, or inline text.
struct ScriptOptions: ParsableArguments {
  @Argument(help: "The script to run ('-' reads standard input).")
  var file: String?

  @Option(name: [.customShort("e"), .long], help: "The script's text, instead of a file.")
  var expression: String?

  @Flag(help: "Do not run backward() from the root; grads not set by the script show as not computed.")
  var noBackward = false

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Stop the script after N statements and expressions, and report where.",
      valueName: "N"))
  var maxSteps = Interpreter.defaultMaxSteps

  @Flag(name: [.customShort("q"), .long], help: "Do not show what the script prints, nor notes about it (errors still show).")
  var quiet = false

  func validate() throws {
    switch (file, expression) {
    case (nil, nil): throw ValidationError("Give a script FILE, '-' for standard input, or -e TEXT.")
    case (.some(let file), .some):
      throw ValidationError(
        "Give either a script FILE or -e TEXT, not both (FILE was '\(file)'; is it the value of "
          + "an option this command does not take?).")
    default: break
    }
    guard maxSteps >= 0 else { throw ValidationError("--max-steps must be 0 or more.") }
  }

  /// Whether diagnostics on standard error get colour: only on a terminal, and not when
  /// `NO_COLOR` is set (https://no-color.org) or `TERM` is `dumb`.
  private static var colored: Bool {
    let environment = ProcessInfo.processInfo.environment
    return isatty(STDERR_FILENO) != 0 && (environment["NO_COLOR"] ?? "").isEmpty
      && environment["TERM"] != "dumb"
  }

  /// Reads and runs the script.
  ///
  /// - Parameter output: receives each line the script prints.
  /// - Returns: the script and what running it made.
  /// - Throws: `ExitCode(1)` after printing the diagnostic when the script fails or cannot be
  ///   read.
  func run(output: (String) -> Void) throws -> (script: Script, result: ScriptRun) {
    do {
      let script = try load()
      let colored = Self.colored
      let result = try Interpreter.run(
        script, backward: noBackward ? .never : .auto, maxSteps: maxSteps, output: output,
        notes: { note in if !quiet { Console.error(note.formatted(colored: colored)) } })
      return (script, result)
    } catch let error as ScriptError {
      Console.error(error.formatted(colored: Self.colored))
      throw ExitCode(1)
    }
  }

  /// Runs the script and returns its root, printing the script's own output to stderr
  /// (unless `--quiet`).
  ///
  /// - Throws: `ExitCode(1)` when the script fails or makes no Value to draw.
  func root() throws -> Value {
    let (script, result) = try run(output: quiet ? { _ in } : Console.error)
    guard let root = result.root else {
      Console.error(ScriptError.noValueToDraw(in: script).formatted(colored: Self.colored))
      throw ExitCode(1)
    }
    return root
  }

  private var displayName: String {
    expression != nil ? "<-e>" : (file == "-" ? "<stdin>" : file ?? "<stdin>")
  }

  private func load() throws -> Script {
    if let expression { return Script(source: expression, fileName: "<-e>") }
    let bytes: [UInt8]
    do {
      bytes = try ScriptFile.read(file ?? "-")
    } catch {
      Console.error("gradviz: error: \(error.description)")
      throw ExitCode(1)
    }
    return try Script(bytes: bytes, fileName: displayName)
  }
}
