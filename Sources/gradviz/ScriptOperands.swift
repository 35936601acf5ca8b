import ArgumentParser

/// A script followed by more operands: `FILE A B` or `-e TEXT A B`.
///
/// `ScriptOptions` takes the first operand as the script file, which would swallow `A` when
/// the script comes from `-e`; commands with operands of their own take the script this way
/// instead and hand it on.
struct ScriptOperands: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "The script FILE ('-' reads standard input; none with -e), then the command's operands.",
      valueName: "file-and-operands"))
  var words: [String] = []

  @Option(name: [.customShort("e"), .long], help: "The script's text, instead of a file.")
  var expression: String?

  @Flag(
    help: "Do not run backward() from the root; grads not set by the script show as not computed.")
  var noBackward = false

  @Option(
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

  /// The operands after the script.
  var operands: [String] { expression == nil ? Array(words.dropFirst()) : words }

  /// The script, as the other commands take it.
  func script() throws -> ScriptOptions {
    var arguments: [String] = []
    if let expression {
      arguments += ["-e", expression]
    } else if let file = words.first {
      arguments.append(file)
    }
    if noBackward { arguments.append("--no-backward") }
    if let timeout { arguments += ["--timeout", String(timeout)] }
    arguments += ["--seed", String(seed)]
    if quiet { arguments.append("--quiet") }
    return try ScriptOptions.parse(arguments)
  }

  func validate() throws {
    if expression == nil && words.isEmpty {
      throw ValidationError("Give a script FILE, '-' for standard input, or -e TEXT.")
    }
  }
}
