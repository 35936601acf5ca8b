/// The Graphviz library that renders drawings: its version and output formats.
public enum Graphviz {
  /// The output formats that the installed Graphviz plugins offer.
  ///
  /// These are the names that ``renderInProcess(dot:format:)`` accepts, such as `svg`, `png`,
  /// `pdf`, `json` and `dot`. Devices that do not render into memory are left out: the
  /// interactive `x11`, `xlib` and `gtk`, which open a window, and `vrml`, which writes a PNG
  /// file per node into the working directory.
  ///
  /// - Returns: the device plugins' format names, without `:plugin` suffixes, deduplicated
  ///   and sorted.
  /// - Throws: ``GraphvizError/graphviz(_:)`` when Graphviz cannot be initialised.
  /// - Complexity: O(p log p) in the number of plugins.
  public static func formats() throws -> [String] {
    try GraphvizContext.formats()
  }

  /// The version that the Graphviz library reports (`gvcVersion`), or `unknown` if Graphviz
  /// cannot be initialised.
  ///
  /// Debian 12's Graphviz 2.42.2 reports `2.43.0`.
  ///
  /// - Complexity: O(1) after the first use of Graphviz.
  public static var version: String { GraphvizContext.version }
}
