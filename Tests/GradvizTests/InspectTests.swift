import Foundation
import Testing

/// The inspection commands end to end: `grads`, `check`, `derivative`, `why`, `nudge`.
@Suite("Inspection commands")
struct InspectTests {
  /// One command of a transcript in Tests/InspectionTests/Snapshots, and what it prints.
  struct Command: CustomTestStringConvertible, Sendable {
    let arguments: [String]
    let expected: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  /// Every command of every transcript: the library's tests make the same text, so the
  /// commands and the library cannot drift apart.
  static let commands: [Command] = {
    let folder = CLI.root.appendingPathComponent("Tests/InspectionTests/Snapshots")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    var commands: [Command] = []
    for file in files.sorted() where file.hasSuffix(".txt") {
      guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      else { continue }
      var arguments: [String]? = nil
      var output = ""
      for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
        if line.hasPrefix("$ gradviz ") {
          if let arguments { commands.append(Command(arguments: arguments, expected: output)) }
          arguments = line.dropFirst("$ gradviz ".count).split(separator: " ").map(String.init)
          output = ""
        } else {
          output += line + "\n"
        }
      }
      if let arguments { commands.append(Command(arguments: arguments, expected: output)) }
    }
    return commands
  }()

  @Test func everyReferenceCaseHasATranscript() {
    #expect(Set(Self.commands.map { $0.arguments[1] }).count == 8)
    #expect(Self.commands.count > 60)
  }

  @Test(arguments: commands)
  func commandPrintsItsTranscript(_ command: Command) throws {
    var arguments = command.arguments
    arguments[1] = CLI.shared.appendingPathComponent(arguments[1]).path
    let result = try CLI.run(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == command.expected)
  }

  // MARK: - derivative

  /// The walkthrough's first section, to the last digit (shared/cases/derivative.txt).
  @Test func derivativeReproducesTheWalkthrough() throws {
    let result = try CLI.run(["derivative", "3*x**2 - 4*x + 5", "--at", "x=-3", "--h", "1e-8"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout == """
        f(x) = 3*x**2 - 4*x + 5
        f(-3.0) = 44.0
        h = 1e-08

               forward difference  central difference  autograd
        df/dx  -22.00000039920269  -22.00000039920269     -22.0

        forward = (f(x+h) - f(x))/h; central = (f(x+h) - f(x-h))/(2h); autograd = x.grad after f.backward()

        """)
    let reference = try String(
      contentsOf: CLI.shared.appendingPathComponent("cases/derivative.txt"), encoding: .utf8)
    #expect(reference.contains("-22.00000039920269"))
  }

  @Test func derivativeInSeveralVariables() throws {
    let result = try CLI.run(["derivative", "a*b + c", "--at", "a=2,b=-3,c=10", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let variables = try #require(object["variables"] as? [[String: Any]])
    #expect(variables.map { $0["name"] as? String } == ["a", "b", "c"])
    #expect(variables.map { $0["autograd"] as? Double } == [-3, 2, 1])
    #expect(object["value"] as? Double == 4)
  }

  @Test func derivativeErrors() throws {
    let undefined = try CLI.run(["derivative", "3*x**2 - 4*q + 5", "--at", "x=-3"])
    #expect(undefined.status == 1)
    #expect(undefined.stdout.isEmpty)
    #expect(
      undefined.stderr
        == "<expr>:1:12: error: NameError: name 'q' is not defined\n3*x**2 - 4*q + 5\n           ^\n"
    )
    #expect(try CLI.run(["derivative", "x"]).status == 64)
    #expect(try CLI.run(["derivative", "x", "--at", "x"]).status == 64)
    #expect(try CLI.run(["derivative", "x", "--at", "x=1", "--h", "0"]).status == 64)
  }

  // MARK: - check

  @Test func checkFailsOnGradsSetByHand() throws {
    let result = try CLI.run([
      "check", "-e", "a = Value(2.0, label='a')\nb = a * a\nb.backward()\na.grad = 5.0",
    ])
    #expect(result.status == 1)
    #expect(result.stdout.contains("0  a      5.0  4.000000000111022    1.0e+00    2.0e-01  FAIL"))
    #expect(result.stdout.contains("FAIL: 1 leaf: 1 fail; 1 local derivative: all pass"))
  }

  @Test func checkFailsWithoutBackward() throws {
    let path = CLI.shared.appendingPathComponent("cases/chain.mg").path
    let result = try CLI.run(["check", "--no-backward", path])
    #expect(result.status == 1)
    #expect(result.stdout.contains("some grads were never computed"))
  }

  @Test func checkListsOnlyWhatDidNotPass() throws {
    let result = try CLI.run([
      "check", "--failures", "-e", "x = Value(0.0, label='x'); y = x.relu(); z = y * 2",
    ])
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        leaves: each grad beside the central difference of z, h = 1e-06 × max(1, |x|)
        #  leaf  grad  numeric  abs error  rel error  result
        0  x      0.0      1.0    1.0e+00    1.0e+00  not differentiable

        operations: each local derivative beside central differences of that operation alone
        #  value  op    input  local derivative  numeric  abs error  rel error  result
        1  y      ReLU  x                   0.0      0.5    5.0e-01    5.0e-01  not differentiable

        pass: 1 leaf: 1 not differentiable; 3 local derivatives: 2 pass, 1 not differentiable (tolerance 1e-06, relative error)
        not differentiable: a kink (such as relu at 0) at the point; the grad is one of the one-sided slopes, as micrograd defines it

        """)
  }

  @Test func checkOptionsAreValidated() throws {
    #expect(try CLI.run(["check", "--h", "-1", "Samples/chain.mg"]).status == 64)
    #expect(try CLI.run(["check", "--tolerance", "0", "Samples/chain.mg"]).status == 64)
  }

  // MARK: - why and nudge

  @Test func whyAndNudgeTakeInlineScripts() throws {
    let why = try CLI.run(["why", "-e", "x = Value(3.0, label='x'); y = x * x", "x"])
    #expect(why.status == 0, "\(why.stderr)")
    #expect(why.stdout.hasSuffix("x.grad = 3.0 + 3.0 = 6.0\n"))
    let nudge = try CLI.run(
      ["nudge", "-", "x=+0.5"], stdin: "x = Value(3.0, label='x')\ny = x * x\n")
    #expect(nudge.status == 0, "\(nudge.stderr)")
    #expect(nudge.stdout.contains("predicted change of y  x.grad × 0.5 = 6.0 × 0.5 = 3.0"))
    #expect(nudge.stdout.contains("actual change of y     12.25 - 9.0 = 3.25"))
  }

  /// `--quiet` works on why and nudge as on every command that runs a script.
  @Test func whyAndNudgeTakeQuiet() throws {
    let script = "x = Value(3.0, label='x'); y = x * x; print('hello')"
    for command in [
      ["why", "-q", "-e", script, "x"], ["nudge", "--quiet", "-e", script, "x=+0.5"],
    ] {
      let loud = try CLI.run(command.filter { $0 != "-q" && $0 != "--quiet" })
      #expect(loud.status == 0 && loud.stderr.contains("hello"), "\(loud.stderr)")
      let quiet = try CLI.run(command)
      #expect(quiet.status == 0, "\(quiet.stderr)")
      #expect(!quiet.stderr.contains("hello") && quiet.stdout == loud.stdout)
    }
  }

  @Test func whyToAnotherRootAndByPosition() throws {
    let path = CLI.shared.appendingPathComponent("cases/chain.mg").path
    let result = try CLI.run(["why", path, "n0", "d"])
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        1 path from a to d (each step: the op it enters, and its local derivative):
          1  a -[* -3.0]-> e -[+ 1.0]-> d
             product -3.0 × 1.0 = -3.0

        dd/da = -3.0
        (a.grad = 6.0 is the derivative of L, not of d)

        """)
  }

  @Test func unknownAndAmbiguousValuesAreClearErrors() throws {
    let path = CLI.shared.appendingPathComponent("cases/chain.mg").path
    let unknown = try CLI.run(["why", path, "q"])
    #expect(unknown.status == 1)
    #expect(
      unknown.stderr
        == "gradviz: error: no value is labelled 'q' (labels: a, b, c, e, d, f, L; or pick a value by its node name, as n3)\n"
    )
    let ambiguous = try CLI.run([
      "nudge", "-e", "x = Value(1.0, label='x'); y = x * 2; y.label = 'x'", "x=1",
    ])
    #expect(ambiguous.status == 1)
    #expect(ambiguous.stderr.contains("'x' labels 2 values (n0, n2)"))
    #expect(try CLI.run(["why", path]).status == 64)
    #expect(try CLI.run(["why", path, "a", "L", "extra"]).status == 64)
    #expect(try CLI.run(["nudge", path, "a"]).status == 64)
    #expect(try CLI.run(["nudge", path, "a=x"]).status == 64)
  }

  @Test func nudgeNeedsAComputedGrad() throws {
    let path = CLI.shared.appendingPathComponent("cases/chain.mg").path
    let result = try CLI.run(["nudge", "--no-backward", path, "a=+0.01"])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "gradviz: error: a.grad was never computed: call backward() in the script, or drop --no-backward\n"
    )
  }

  @Test func scriptErrorsInInspectionCommands() throws {
    let result = try CLI.run(["why", "-e", "a = Value(2.0)\nb = a * c", "a"])
    #expect(result.status == 1)
    #expect(
      result.stderr == "<-e>:2:9: error: NameError: name 'c' is not defined\nb = a * c\n        ^\n"
    )
  }

  // MARK: - grads

  @Test func gradsSortAndFormatChoicesAreValidated() throws {
    #expect(try CLI.run(["grads", "--sort", "size", "Samples/chain.mg"]).status == 64)
    #expect(try CLI.run(["grads", "--format", "xml", "Samples/chain.mg"]).status == 64)
  }

  @Test func gradsJSONIsByteIdenticalOnEveryRun() throws {
    let first = try CLI.run(["grads", "--format", "json", "Samples/neuron.mg"])
    let second = try CLI.run(["grads", "--format", "json", "Samples/neuron.mg"])
    #expect(first.status == 0)
    #expect(first.stdoutBytes == second.stdoutBytes)
  }

  @Test func helpShowsAnExampleForEachCommand() throws {
    for command in ["grads", "check", "derivative", "why", "nudge"] {
      let help = try CLI.run(["help", command])
      #expect(help.stdout.contains("gradviz \(command) "), "\(command) help lacks an example")
    }
  }
}
