import Autograd
import Foundation

/// How inspections write numbers.
package enum NumberText {
  /// A number in full: the shortest text that reads back to the same `Double`, as Python
  /// prints it (`-22.0`, `0.30000000000000004`, `1e-05`, `inf`, `nan`).
  package static func full(_ x: Double) -> String {
    PythonFormat.float(x)
  }

  /// An error in short: `0` when exactly zero, else two significant digits in scientific
  /// notation (`1.2e-10`); `inf` and `nan` as such.
  package static func short(_ x: Double) -> String {
    if x == 0 { return "0" }
    if !x.isFinite { return PythonFormat.float(x) }
    return String(format: "%.1e", x)
  }

  /// A change with its sign always written: `+0.01`, `-0.5`.
  package static func signed(_ x: Double) -> String {
    let text = full(x)
    return x >= 0 && !text.hasPrefix("+") ? "+" + text : text
  }
}
