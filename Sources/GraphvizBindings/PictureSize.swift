/// The largest size of a picture, in inches: Graphviz's `size` attribute.
public struct PictureSize: Sendable, Equatable, CustomStringConvertible {
  /// The largest width, in inches.
  public let width: Double
  /// The largest height, in inches; `nil` when one number bounds both, as Graphviz reads a
  /// single number.
  public let height: Double?
  /// Whether a smaller picture is scaled up until it meets one of the bounds (`!`).
  public let fill: Bool

  /// Reads `W,H`, `W` (both bounds W), with an optional trailing `!`: `"20,10"`, `"40!"`.
  ///
  /// - Returns: `nil` when the text is not one or two positive numbers in that form.
  public init?(_ text: String) {
    var body = Substring(text.trimmingWhitespace())
    fill = body.hasSuffix("!")
    if fill { body = body.dropLast() }
    let parts = body.split(separator: ",", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count) else { return nil }
    let numbers = parts.compactMap { Double($0) }
    guard numbers.count == parts.count, numbers.allSatisfy({ $0.isFinite && $0 > 0 }) else {
      return nil
    }
    width = numbers[0]
    height = numbers.count == 2 ? numbers[1] : nil
  }

  /// Creates a bound of `width` by `height` inches (`height` `nil`: both `width`).
  package init(width: Double, height: Double?, fill: Bool = false) {
    self.width = width
    self.height = height
    self.fill = fill
  }

  /// The value of Graphviz's `size` attribute: `20,10`, `40!`.
  public var description: String {
    let numbers = [width] + (height.map { [$0] } ?? [])
    return numbers.map(Self.number).joined(separator: ",") + (fill ? "!" : "")
  }
}

extension PictureSize {
  /// A number as Python prints it: integral values without `.0` (`20`), others in the
  /// shortest text that reads back to the same `Double` (`2.5`, `1e+16`).
  static func number(_ x: Double) -> String {
    if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return x.isNaN ? "nan" : x.description
  }
}

extension String {
  /// The text without leading and trailing spaces and tabs.
  fileprivate func trimmingWhitespace() -> Substring {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let start = firstIndex(where: { !isBlank($0) }) else { return "" }
    let end = lastIndex(where: { !isBlank($0) }) ?? start
    return self[start...end]
  }
}
