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
