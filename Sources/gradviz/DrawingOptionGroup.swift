import ArgumentParser
import GraphvizBindings
import Rendering

extension RankDir: ExpressibleByArgument {}
extension GroupLevel: ExpressibleByArgument {}
extension NodeColoring: ExpressibleByArgument {}

/// `--cluster`: a group level, or none.
enum ClusterChoice: String, CaseIterable, ExpressibleByArgument {
  case neuron, layer, none

  var level: GroupLevel? {
    switch self {
    case .neuron: .neuron
    case .layer: .layer
    case .none: nil
    }
  }
}

/// Options that shape the picture.
struct DrawingOptionGroup: ParsableArguments {
  @Option(help: "Direction of the graph: LR (left to right, as draw_dot), TB, RL or BT.")
  var rankdir: RankDir = .LR

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Refuse to lay out drawings with more record nodes (values and summaries) than this.",
      discussion:
        "The refusal says which --collapse or --focus would fit. Only pictures are laid out: "
        + "dot writes DOT text of any size."))
  var maxNodes: Int = DrawingOptions.defaultMaxNodes

  @Option(help: "Frame the values made inside each neuron or layer of a model in a box.")
  var cluster: ClusterChoice = .none

  @Option(help: "Draw one summary node per neuron or layer of a model (output data, grad, size).")
  var collapse: GroupLevel?

  @Option(
    help: ArgumentHelp(
      "Draw only the values near the value with this label (or node name, e.g. n12).",
      valueName: "name"))
  var focus: String?

  @Option(
    parsing: .unconditional,
    help: "With --focus: how many operations upstream and downstream to draw.")
  var depth: Int?

  @Option(
    help:
      "Fill: plain (as draw_dot), grad (colour by the gradient's sign and size, legend), or check (values 'gradviz check' finds wrong in red)."
  )
  var color: NodeColoring = .plain

  @Flag(help: "Label each input edge with its local derivative and the grad it passes back.")
  var edgeGrads = false

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Largest picture size in inches, W,H or W; end with ! to scale up small pictures too.",
      valueName: "W,H"))
  var size: String?

  @Option(
    parsing: .unconditional,
    help: "Multiply the picture's size by this factor (e.g. 0.5 or 2).")
  var scale: Double?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Draw a leaf as a dashed copy beside each use far from it (more than two ranks after "
        + "its first use) when it has more than N such uses.",
      discussion: "Copies are named n12c1, n12c2, ... after the value n12 they copy.",
      valueName: "N"))
  var leafCopies: Int = DrawingOptions.defaultLeafCopies

  @Flag(help: "Draw every leaf once, with an edge to each of its uses (no copies).")
  var noLeafCopies = false

  func validate() throws {
    if leafCopies < 0 { throw ValidationError("--leaf-copies cannot be negative.") }
    if maxNodes < 1 { throw ValidationError("--max-nodes must be at least 1.") }
    if let depth {
      if focus == nil { throw ValidationError("--depth needs --focus NAME.") }
      if depth < 0 { throw ValidationError("--depth cannot be negative.") }
    }
    if let focus, focus.isEmpty { throw ValidationError("--focus needs a label or node name.") }
    if let size, PictureSize(size) == nil {
      throw ValidationError(
        "--size takes inches as W,H or W, optionally ending in '!' (e.g. 20,10 or 40!), not '\(size)'."
      )
    }
    if let scale, !(scale.isFinite && scale > 0) {
      throw ValidationError("--scale must be a positive number, not \(scale).")
    }
  }

  var options: DrawingOptions {
    var options = DrawingOptions(
      rankdir: rankdir, maxNodes: maxNodes, cluster: cluster.level, collapse: collapse,
      focus: focus.map { Focus(name: $0, depth: depth ?? Focus.defaultDepth) }, color: color,
      edgeGradients: edgeGrads, size: size.flatMap(PictureSize.init), scale: scale)
    options.leafCopies = noLeafCopies ? nil : leafCopies
    return options
  }
}
