import ArgumentParser
import Inspection
import PythonHost

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

        A script with its own Value class (the lecture's, a learner's) is checked against \
        the engine instead: its graph is rebuilt from the op strings, each data is computed \
        again from its inputs, and each grad by one step of the chain rule from the grads of \
        the values that use it. The first wrong one is reported with the op at fault, the \
        local derivative it should have used and the one its grads imply, a diagnosis where \
        one fits ('=' instead of '+=', 1 - t for tanh, ...) and the file:line of its \
        _backward. In a notebook, each draw_dot call's graph is checked, named by its cell. \
        Ops gradviz does not know are reported as not checked; the leaves before them are \
        checked by central differences of the whole script instead: it runs again with the \
        same --seed, its prints captured, once as it is and twice per leaf with the leaf at \
        x ± h × max(1, |x|) where its __init__ makes it (a notebook up to the drawing's \
        cell), at most 32 leaves, evenly spaced. A script that gives another root when run \
        again, a leaf whose data changed after it was made, or a run that raises, prints \
        a different number of lines or takes ten times as long as the run without a nudge \
        and 10 s more (or --timeout) is reported as not checked, with the reason. \
        --failures applies to gradviz's own values only.

        Exit status: 0 when everything passes; 1 when anything fails.

        Example:
          gradviz check Samples/neuron.mg
          gradviz check Samples/neuron.mg --h 1e-5 --tolerance 1e-8 --format json
          gradviz check Samples/own_value.py --reference
          gradviz check Samples/own_cos.py
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

    @Flag(
      help: "With a script's own Value class: print the engine's grads beside the script's.")
    var reference = false

    func validate() throws {
      guard h.isFinite, h > 0 else { throw ValidationError("--h must be a number > 0, not \(h).") }
      guard tolerance.isFinite, tolerance > 0 else {
        throw ValidationError("--tolerance must be a number > 0, not \(tolerance).")
      }
    }

    func run() throws {
      // A notebook whose cells raise (the lecture's torch cells) is still checked; the
      // errors are printed and the status is 1.
      let notebook = script.file?.lowercased().hasSuffix(".ipynb") == true
      let (source, run) = try script.run(output: .standardError, keepGraphsOnError: notebook)
      guard let root = run.root else {
        if run.error != nil { throw ExitCode(1) }
        Console.error(
          ScriptError.noValueToDraw(in: source).formatted(colored: ScriptOptions.colored))
        throw ExitCode(1)
      }
      let own = try OwnClassGraphs(run: run)
      if !own.entries.isEmpty {
        try checkOwnClass(own, script: source, run: run)
        if run.error != nil { throw ExitCode(1) }
        return
      }
      if reference {
        Console.error(
          "gradviz: error: --reference compares a script's own Value class with the engine; "
            + "this script's values are gradviz's own, whose grads are the engine's")
        throw ExitCode(1)
      }
      let check = GradientCheck(root: root, options: .init(h: h, tolerance: tolerance))
      switch format {
      case .table: Console.out(check.report(failuresOnly: failures))
      case .json: Console.out(check.json)
      }
      if !check.passed || run.error != nil { throw ExitCode(1) }
    }
  }
}
