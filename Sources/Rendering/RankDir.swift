/// The direction in which a drawing's edges point: Graphviz's `rankdir`.
///
/// `LR` reads left to right like micrograd's `draw_dot`; `TB` top to bottom; `RL` and `BT`
/// are the reverses.
public enum RankDir: String, CaseIterable, Sendable {
  /// Left to right (the default).
  case LR
  /// Top to bottom.
  case TB
  /// Right to left.
  case RL
  /// Bottom to top.
  case BT

  /// Whether edges run horizontally, so that a record's fields need braces to sit side by side.
  var isHorizontal: Bool { self == .LR || self == .RL }
}

extension RankDir {
  /// The compass point where edges enter a node: the side facing the nodes before it
  /// (`w` for `LR`).
  var entrySide: String {
    switch self {
    case .LR: "w"
    case .RL: "e"
    case .TB: "n"
    case .BT: "s"
    }
  }

  /// The compass point where edges leave a node: the side facing the nodes after it (`e` for
  /// `LR`).
  var exitSide: String {
    switch self {
    case .LR: "e"
    case .RL: "w"
    case .TB: "s"
    case .BT: "n"
    }
  }
}
