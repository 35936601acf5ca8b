import ArgumentParser
import Inspection

extension GradientTable.Format: ExpressibleByArgument {}
extension GradientTable.Order: ExpressibleByArgument {}

extension Gradviz {
  /// `gradviz grads FILE`: one row per Value, in topological order or sorted.
  struct Grads: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print every Value's label, op, data and grad, in topological order.",
      discussion: """
        Numbers are printed in full (the shortest text that reads back exactly); a grad that \
        was never computed shows as '-' in the table, an empty field in CSV and null in JSON, \
        never as 0. NaN and infinities print as nan, inf and -inf (in JSON as the strings \
        "nan", "inf", "-inf"). The # column is the value's position in topological order; \
        an unlabelled value is named nN by it, as its node is in DOT text and SVG, and \
        'gradviz why', 'gradviz nudge' and --focus accept that name.

        Example:
          gradviz grads Samples/neuron.mg
          gradviz grads Samples/neuron.mg --leaves --sort abs-grad
          gradviz grads Samples/chain.mg --format json
        """)

    @OptionGroup var script: ScriptOptions

    @Option(help: "table (aligned, for people), json or csv (RFC 4180), for tools.")
    var format: GradientTable.Format = .table

    @Flag(
      help: "Only inputs and parameters: values made by no operation, number literals excepted.")
    var leaves = false

    @Option(
      help:
        "Row order: topo (inputs first, the root last), grad or abs-grad (largest first), label.")
    var sort: GradientTable.Order = .topo

    @Flag(
      help:
        "With a script's own Value class: its grads beside the engine's, rows that differ marked.")
    var compare = false

    func run() throws {
      if compare {
        let (_, run) = try script.rootAndRun()
        guard let entry = try OwnClassGraphs(run: run).entries.last else {
          Console.error(
            "gradviz: error: --compare sets a script's own Value class beside the engine; this "
              + "script's values are gradviz's own, whose grads are the engine's")
          throw ExitCode(1)
        }
        Console.out(BackwardCheck(entry.graph).comparisonTable)
        return
      }
      let root = try script.root()
      let table = GradientTable(root: root, leavesOnly: leaves, order: sort)
      Console.out(table.text(format))
    }
  }
}
