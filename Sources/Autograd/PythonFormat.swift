/// Numbers as Python 3 prints them.
package enum PythonFormat {
  /// `repr(float)`: the shortest text that reads back to the same `Double`.
  ///
  /// `4.0`, `0.30000000000000004`, `1e-05`, `1e+16`, `inf`, `-inf`, `nan`. Swift's own
  /// shortest round-trip description follows the same rules as CPython's (fixed notation for
  /// decimal exponents from -4 to 15, scientific otherwise); only NaN's sign differs.
  package static func float(_ x: Double) -> String {
    x.isNaN ? "nan" : x.description
  }

  /// A number as an exponent or literal: integral values print without `.0` (`2`, `-1`),
  /// others as ``float(_:)`` does.
  package static func number(_ x: Double) -> String {
    if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return float(x)
  }
}
