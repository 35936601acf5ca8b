import ArgumentParser
import Autograd
import Foundation
import PythonHost

/// The input every subcommand takes: a script file, standard input, or inline text.
struct ScriptOptions: ParsableArguments {
  /// Whether a script raised but its graphs were kept (a notebook's failing cell): the
  /// command's output is written, then `gradviz` ends with status 1. Set once, on the main
  /// thread, before the command writes anything.
  nonisolated(unsafe) static var scriptFailed = false

  @Argument(help: "The script or notebook to run ('-' reads standard input).")
  var file: String?

  @Option(name: [.customShort("e"), .long], help: "The script's text, instead of a file.")
  var expression: String?

  @Flag(
    help: "Do not run backward() from the root; grads not set by the script show as not computed.")
  var noBackward = false

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Stop the script after SECONDS, and report the line it was on.", valueName: "SECONDS"))
  var timeout: Double?

  @Option(
    help: ArgumentHelp(
      "Seed Python's random (and numpy's) with N before the script runs.", valueName: "N"))
  var seed = 0

  @Flag(
    name: [.customShort("q"), .long],
    help: "Do not show what the script prints, nor notes about it (errors still show).")
  var quiet = false

  func validate() throws {
    switch (file, expression) {
    case (nil, nil):
      throw ValidationError("Give a script FILE, '-' for standard input, or -e TEXT.")
    case (.some(let file), .some):
      throw ValidationError(
        "Give either a script FILE or -e TEXT, not both (FILE was '\(file)'; is it the value of "
          + "an option this command does not take?).")
    default: break
    }
    if let timeout, !(timeout > 0 && timeout.isFinite) {
      throw ValidationError("--timeout must be a number of seconds > 0.")
    }
  }

  /// Whether diagnostics on standard error get colour: only on a terminal, and not when
  /// `NO_COLOR` is set (https://no-color.org) or `TERM` is `dumb`.
  static var colored: Bool {
    let environment = ProcessInfo.processInfo.environment
    return isatty(STDERR_FILENO) != 0 && (environment["NO_COLOR"] ?? "").isEmpty
      && environment["TERM"] != "dumb"
  }

  /// Reads and runs the script.
  ///
  /// - Parameter output: where what the script prints goes (nowhere with `--quiet`).
  /// - Returns: the script and what running it made.
  /// - Throws: `ExitCode(1)` (130 after Ctrl-C, or the script's own `sys.exit` status) after
  ///   printing the diagnostic when the script fails or cannot be read.
  func run(
    output: ScriptHost.Output, picturesFolder: String? = nil, arguments: [String] = [],
    keepGraphsOnError: Bool = false
  ) throws
    -> (script: Script, result: ScriptRun)
  {
    do {
      let script = try load()
      let colored = Self.colored
      let quiet = quiet
      var options = ScriptHost.Options(
        backward: noBackward ? .never : .auto, timeout: timeout, seed: seed,
        output: quiet ? .discard : output, picturesFolder: picturesFolder, arguments: arguments)
      // A notebook's later cells run after one raises (as Jupyter runs them), so what they
      // made is drawn and tabulated too; the run still ends with status 1.
      let notebook = file?.lowercased().hasSuffix(".ipynb") == true && expression == nil
      options.keepGraphsOnError = keepGraphsOnError || notebook
      let result = try ScriptHost.run(script, options: options) { note in
        if !quiet { Console.error(note.formatted(colored: colored)) }
      }
      if let error = result.error {
        let text = error.formatted(colored: colored)
        if !text.isEmpty { Console.error(text) }
        Self.scriptFailed = true
      }
      return (script, result)
    } catch let error as ScriptError {
      let text = error.formatted(colored: Self.colored)
      if !text.isEmpty { Console.error(text) }
      throw ExitCode(error.status)
    }
  }

  /// Runs the script and returns its root, printing the script's own output to stderr
  /// (unless `--quiet`).
  ///
  /// - Throws: `ExitCode(1)` when the script fails or makes no Value to draw.
  func root() throws -> Value {
    try rootAndRun().root
  }

  /// Runs the script and returns its root and the whole run.
  ///
  /// - Parameter keepGraphsOnError: when the script raises, print the error and still return
  ///   what it made (the caller then ends with status 1).
  func rootAndRun(keepGraphsOnError: Bool = false) throws -> (root: Value, run: ScriptRun) {
    let (script, result) = try run(
      output: .standardError, keepGraphsOnError: keepGraphsOnError)
    guard let root = result.root else {
      if result.error != nil { throw ExitCode(1) }
      Console.error(ScriptError.noValueToDraw(in: script).formatted(colored: Self.colored))
      throw ExitCode(1)
    }
    return (root, result)
  }

  private var displayName: String {
    expression != nil ? "<-e>" : (file == "-" ? "<stdin>" : file ?? "<stdin>")
  }

  private func load() throws -> Script {
    if let expression { return Script(source: expression, fileName: "<-e>") }
    let bytes: [UInt8]
    var directory: String?
    do {
      bytes = try ScriptFile.read(file ?? "-")
    } catch {
      Console.error("gradviz: error: \(error.description)")
      throw ExitCode(1)
    }
    if let path = file, path != "-" {
      directory = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
    }
    return try Script(bytes: bytes, fileName: displayName, directory: directory)
  }
}
