import ArgumentParser
import Inspection

extension Gradviz {
  /// `gradviz check FILE`: every grad and every local derivative against finite differences.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check every grad, and every operation's derivative, against finite differences.",
      discussion: """
        First each leaf: its grad beside the root's derivative by central differences \
        (f(x+h) - f(x-h))/2h, the absolute and relative error, pass or FAIL. Then each \
        operation alone: its local derivative with respect to each input beside central \
        differences of that operation, so a wrong derivative is named by its op. The relative \
        error is |a - n| / max(1, |a|, |n|). Each step is h × max(1, |x|), wider where the \
        function's own rounding would swamp it; beyond 200 leaves, 200 evenly spaced ones are \
        checked (the report says so), and beyond 64 inputs of one operation, 64. Two cases are flagged instead of failing: a kink \
        at the point (relu at 0: 'not differentiable'), and differences that converge to the \
        grad as h shrinks but are not within the tolerance at h ('h too large').

        Exit status: 0 when everything passes; 1 when anything fails.

        Example:
          gradviz check Samples/neuron.mg
          gradviz check Samples/neuron.mg --h 1e-5 --tolerance 1e-8 --format json
        """)

    /// How the result is written.
    enum Format: String, CaseIterable, ExpressibleByArgument {
      case table, json
    }

    @OptionGroup var script: ScriptOptions

    @Option(
      parsing: .unconditional,
      help: "The step of the finite differences, scaled by max(1, |x|) at each point.")
    var h: Double = 1e-6

    @Option(parsing: .unconditional, help: "The largest relative error that passes.")
    var tolerance: Double = 1e-6

    @Option(help: "table (for people) or json (for tools).")
    var format: Format = .table

    @Flag(help: "List only the rows that did not pass; the summary still counts them all.")
    var failures = false

    func validate() throws {
      guard h.isFinite, h > 0 else { throw ValidationError("--h must be a number > 0, not \(h).") }
      guard tolerance.isFinite, tolerance > 0 else {
        throw ValidationError("--tolerance must be a number > 0, not \(tolerance).")
      }
    }

    func run() throws {
      let root = try script.root()
      let check = GradientCheck(root: root, options: .init(h: h, tolerance: tolerance))
      switch format {
      case .table: Console.out(check.report(failuresOnly: failures))
      case .json: Console.out(check.json)
      }
      if !check.passed { throw ExitCode(1) }
    }
  }
}
