#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The fills of ``NodeColoring/grad``: a diverging colour scheme for the sign of a gradient,
/// with four shades for its size on a log scale.
///
/// The shades are decades counted down from the largest finite non-zero gradient magnitude
/// `M` of the whole trace: with `t = floor(log10 M)`,
/// ```
/// shade 0: |g| >= 10^t     shade 1: 10^(t-1) <= |g| < 10^t
/// shade 2: 10^(t-2) <= |g| < 10^(t-1)       shade 3: |g| < 10^(t-2)
/// ```
/// Each gradient is banded by the number its record shows (``FieldFormat/number(_:)``), so
/// the fill and the text agree: `0.9999999999999996`, shown as `grad 1.0000`, is in the
/// decade of 1.
///
/// Positive gradients are red and negative ones blue, from ColorBrewer's 9-class RdBu scheme
/// (Cynthia Brewer, colorbrewer2.org), darkest for shade 0. Zero is grey, NaN magenta,
/// ±infinity black: they stand out from every shade.
package struct GradientScale {
  /// The exponent `t` of the largest decade; `nil` when every gradient is 0, NaN, infinite
  /// or not computed.
  package let top: Int?

  /// RdBu, positive side, darkest first.
  package static let positive = ["#b2182b", "#d6604d", "#f4a582", "#fddbc7"]
  /// RdBu, negative side, darkest first.
  package static let negative = ["#2166ac", "#4393c3", "#92c5de", "#d1e5f0"]
  package static let zero = "#bdbdbd"
  package static let nan = "#ff00ff"
  package static let infinite = "#000000"

  /// A node's fill and the colour of its text.
  package struct Fill: Equatable {
    package let fill: String
    package let font: String?

    package init(fill: String, font: String?) {
      self.fill = fill
      self.font = font
    }
  }

  /// Sets the scale from the gradients that were computed.
  ///
  /// - Complexity: O(n).
  package init(grads: [Double], computed: [Bool]) {
    var largest = 0.0
    for (g, known) in zip(grads, computed) where known && g.isFinite {
      largest = max(largest, Self.shown(g).magnitude)
    }
    top = largest > 0 ? Int(floor(log10(largest))) : nil
  }

  /// `g` as its record shows it: rounded to the digits of ``FieldFormat/number(_:)``.
  static func shown(_ g: Double) -> Double {
    Double(FieldFormat.number(g)) ?? g
  }

  /// The shade of a non-zero finite magnitude, as its record shows it: 0 (largest) to 3.
  func shade(_ magnitude: Double) -> Int {
    guard let top else { return 0 }
    return min(3, max(0, top - Int(floor(log10(Self.shown(magnitude))))))
  }

  /// The fill for a gradient; `nil` when it was not computed (no fill).
  package func fill(_ g: Double, computed: Bool) -> Fill? {
    guard computed else { return nil }
    if g.isNaN { return Fill(fill: Self.nan, font: "#ffffff") }
    if g.isInfinite { return Fill(fill: Self.infinite, font: "#ffffff") }
    if g == 0 { return Fill(fill: Self.zero, font: nil) }
    let shade = shade(g.magnitude)
    return Fill(
      fill: (g > 0 ? Self.positive : Self.negative)[shade], font: shade == 0 ? "#ffffff" : nil)
  }

  /// `1e-3`: a power of ten as the legend writes it.
  static func decade(_ exponent: Int) -> String { "1e\(exponent)" }

  /// The legend as the markup of a Graphviz HTML-like label (a table), kept compact so it is
  /// not larger than the graph beside it: positive and negative fills side by side, one row
  /// per decade, then the special fills two to a row, then the border styles, in 10-point
  /// text.
  package func legendHTML() -> String {
    func cell(_ color: String, _ text: String) -> String {
      #"<TD BGCOLOR="\#(color)" WIDTH="14">\#(small(" "))</TD><TD ALIGN="LEFT">\#(small(text))</TD>"#
    }
    func small(_ text: String) -> String { #"<FONT POINT-SIZE="10">\#(text)</FONT>"# }
    var rows = [#"<TR><TD COLSPAN="4"><B>\#(small("grad"))</B></TD></TR>"#]
    if let top {
      let ranges = [
        "≥ " + Self.decade(top),
        Self.decade(top - 1) + " to " + Self.decade(top),
        Self.decade(top - 2) + " to " + Self.decade(top - 1),
        "&lt; " + Self.decade(top - 2),
      ]
      for (shade, range) in ranges.enumerated() {
        rows.append(
          "<TR>" + cell(Self.positive[shade], "+ " + range)
            + cell(Self.negative[shade], "− " + range) + "</TR>")
      }
    }
    rows.append("<TR>" + cell(Self.zero, "0") + cell(Self.nan, "nan") + "</TR>")
    rows.append(
      "<TR>" + cell(Self.infinite, "inf, −inf") + cell("#ffffff", "not computed (—)") + "</TR>")
    rows.append(
      #"<TR><TD COLSPAN="4" ALIGN="LEFT">"#
        + small(
          #"thick border: root, bold border: parameter<BR ALIGN="LEFT"/>"#
            + #"dashed: input, dotted: constant, thin: intermediate<BR ALIGN="LEFT"/>"#)
        + "</TD></TR>")
    return #"<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="2">"#
      + rows.joined() + "</TABLE>"
  }
}
