/// A matplotlib figure that a script showed (`plt.show()`, or still open at the end of a
/// notebook cell or of the script), saved as PNG.
public struct Figure: Sendable {
  /// Where it was shown: `line 16`, or `cell 3` in a notebook.
  public let place: String
  /// The PNG file's bytes, as matplotlib's Agg backend wrote them.
  public let png: [UInt8]
}
