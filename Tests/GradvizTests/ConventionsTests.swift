import Foundation
import Testing

/// What a command-line tool is expected to offer: completions, --quiet, plain messages.
@Suite struct ConventionsTests {
  @Test(arguments: ["bash", "zsh", "fish"])
  func completionScriptsNameEverySubcommand(_ shell: String) throws {
    let result = try CLI.run(["--generate-completion-script", shell])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    for command in ["dot", "render", "grads", "check", "run", "train", "formats"] {
      #expect(result.stdout.contains(command), "\(shell) completion lacks \(command)")
    }
    #expect(result.stdout.contains("rankdir"))
  }

  /// `--quiet` drops what the script prints and keeps the data and the errors.
  @Test func quietSilencesScriptPrints() throws {
    let loud = try CLI.run(["dot", "Samples/expression.mg"])
    #expect(loud.stderr == "Value(data=4.0)\n")
    let quiet = try CLI.run(["dot", "--quiet", "Samples/expression.mg"])
    #expect(quiet.status == 0)
    #expect(quiet.stderr.isEmpty)
    #expect(quiet.stdout == loud.stdout)
    let run = try CLI.run(["run", "-q", "Samples/expression.mg"])
    #expect(run.status == 0)
    #expect(run.stdout.isEmpty && run.stderr.isEmpty)
    let typo = "a = Value(2.0)\na.lable = 'a'"
    let noted = try CLI.run(["dot", "-e", typo])
    #expect(noted.stderr.contains("note: 'lable' is not an attribute of Value"))
    let unnoted = try CLI.run(["dot", "-q", "-e", typo])
    #expect(unnoted.status == 0)
    #expect(unnoted.stderr.isEmpty)
    let failing = try CLI.run(["grads", "-q", "-e", "print(1)\nb = c"])
    #expect(failing.status == 1)
    #expect(failing.stderr.hasPrefix("<-e>:2:5: error: NameError: name 'c' is not defined"))
  }

  /// Messages carry no terminal escapes when standard error is not a terminal.
  @Test func messagesArePlainText() throws {
    let outputs = [
      try CLI.run(["grads", "-e", "a = Value(1.0)\nb = a * c"]),
      try CLI.run(["render", "Samples/neuron.mg", "--format", "nope", "-o", "-"]),
      try CLI.run(["train", "--steps", "2", "--samples", "10"]),
    ]
    for result in outputs {
      #expect(!result.stderr.contains("\u{1B}"))
      #expect(!result.stdout.contains("\u{1B}"))
    }
  }
}
