import ArgumentParser
import CMalloc
import Foundation

/// The `gradviz` command: run a micrograd-style script, then draw, print or tabulate its graph.
@main
struct Gradviz: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradviz",
    abstract: "See the computation graph and the gradients of a micrograd-style script.",
    discussion: """
      A script is Python, run by the full Python interpreter as `python3 FILE` would run it, \
      with gradviz's engine as its Value: Value(2.0, label='a'), + - * / **, .tanh() .exp() \
      .log() .relu() .sigmoid(), .backward(), draw_dot(x). A script's own Value class runs as \
      written and is traced. gradviz runs it, runs backward() from the root unless the script \
      does so itself, and shows the graph.

      Exit status: 0 success; 1 a script that fails or cannot be read, a graph too large to \
      render, a format that is not installed, or a gradient check that fails; 64 a usage error; 70 a Graphviz failure; \
      71 Python could not start; 74 an output file that could not be written. A script that calls sys.exit(N) ends \
      with N, and one stopped by Ctrl-C with 130.
      """,
    version: gradvizVersion,
    subcommands: [
      Dot.self, Render.self, Frames.self, Grads.self, Check.self, Derivative.self, Why.self,
      Nudge.self, Run.self,
      Train.self, Formats.self, GraphvizProcess.Child.self,
    ]
  )

  /// Every error the tool prints starts this way, usage errors included.
  static let errorPrefix = "gradviz: error: "

  /// The prefix swift-argument-parser puts before its own messages (usage errors).
  static var _errorPrefix: String { errorPrefix }

  /// Checks the command word, then parses and runs the command, with Graphviz in a child
  /// process.
  ///
  /// A mistyped command (`gradviz rendr`, `gradviz help rendr`) ends with status 64 and the
  /// nearest command's name (see ``CommandSpelling``). Help and the version go to standard
  /// output through ``Console/write(_:)``, so a failed write (a full disk, `/dev/full`) ends
  /// with status 74 and a message, not 0.
  static func main() {
    // One malloc arena for every thread: each further arena reserves 64 MiB of address
    // space, which under a `ulimit -v` turns into an allocation failure that nothing can
    // report (the Swift runtime ends the process). The work happens on one thread at a time.
    _ = gradviz_limit_malloc_arenas(1)
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let mistake = CommandSpelling.mistake(in: arguments) {
      Console.error(errorPrefix + mistake)
      Foundation.exit(ExitCode.validationFailure.rawValue)
    }
    GraphvizProcess.install()
    let command: any ParsableCommand
    do {
      command = try parseAsRoot(arguments)
    } catch {
      finish(with: error)
    }
    do {
      var command = command
      try command.run()
      if ScriptOptions.scriptFailed { Foundation.exit(1) }
    } catch {
      finish(with: error)
    }
  }

  /// Prints what `error` says, where ArgumentParser would, and exits with its status.
  private static func finish(with error: any Error) -> Never {
    let message = fullMessage(for: error)
    let code = exitCode(for: error)
    if code == .success {
      if !message.isEmpty { Console.line(message) }
    } else if !message.isEmpty {
      Console.error(message)
    }
    Foundation.exit(code.rawValue)
  }
}

/// The version `gradviz --version` prints.
let gradvizVersion = "0.1.0"
