#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The text of a record's number fields.
public enum FieldFormat {
  /// A number as `draw_dot` prints `data` and `grad` (`%.4f`), without hiding small values.
  ///
  /// ```
  /// 2.0        -> 2.0000        -1.5  -> -1.5000
  /// 1e-7       -> 1.0000e-07    1e12  -> 1.0000e+12
  /// 0, -0      -> 0.0000        nan   -> nan        ±inf -> inf, -inf
  /// ```
  /// A non-zero number that `%.4f` would print as `0.0000` or `-0.0000`, and any number with
  /// a magnitude of at least 1e9, is printed as `%.4e` instead.
  ///
  /// - Parameter x: the number.
  /// - Returns: the field text, ASCII only.
  /// - Complexity: O(1).
  public static func number(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == 0 { return "0.0000" }
    if x.magnitude >= 1e9 { return printf("%.4e", x) }
    let fixed = printf("%.4f", x)
    if fixed == "0.0000" || fixed == "-0.0000" { return printf("%.4e", x) }
    return fixed
  }

  /// `x` formatted by the C library's `printf` with a one-number `format`.
  private static func printf(_ format: String, _ x: Double) -> String {
    let capacity = 48
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
      let written = withVaList([x]) { arguments in
        vsnprintf(buffer.baseAddress, capacity, format, arguments)
      }
      let length = max(0, min(Int(written), capacity - 1))
      return String(
        decoding: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[..<length]),
        as: UTF8.self)
    }
  }
}
