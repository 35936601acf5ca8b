import ArgumentParser
import Rendering

extension RankDir: ExpressibleByArgument {}

/// Options that shape the picture.
struct DrawingOptionGroup: ParsableArguments {
  @Option(help: "Direction of the graph: LR (left to right, as draw_dot), TB, RL or BT.")
  var rankdir: RankDir = .LR

  @Option(help: "Refuse to lay out graphs with more value nodes than this.")
  var maxNodes: Int = DrawingOptions().maxNodes

  var options: DrawingOptions { DrawingOptions(rankdir: rankdir, maxNodes: maxNodes) }
}
