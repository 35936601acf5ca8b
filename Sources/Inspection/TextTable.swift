import Autograd

/// Columns of text aligned for a terminal: numbers to the right, words to the left, two spaces
/// between columns, no trailing spaces.
package struct TextTable {
  /// How a column lines up.
  package enum Alignment: Sendable {
    case left, right
  }

  package let header: [String]
  package let alignments: [Alignment]
  package private(set) var rows: [[String]] = []

  /// - Precondition: `header` and `alignments` have the same count.
  package init(header: [String], alignments: [Alignment]) {
    precondition(header.count == alignments.count, "one alignment per column")
    self.header = header
    self.alignments = alignments
  }

  /// Adds a row; control characters in the cells are shown as escapes (`\x01`), so that
  /// no label can break a row or reach the terminal raw.
  ///
  /// - Precondition: `cells` has one cell per column.
  package mutating func append(_ cells: [String]) {
    precondition(cells.count == header.count, "one cell per column")
    rows.append(cells.map(PrintableText.escape))
  }

  /// The table, header first, each line ending in a newline.
  ///
  /// Widths count characters (grapheme clusters), which lines up ASCII and most labels.
  ///
  /// - Complexity: O(total length of the cells).
  package var text: String {
    let lines = [header] + rows
    let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
    var text = ""
    for cells in lines {
      var line = ""
      for (column, cell) in cells.enumerated() {
        if column > 0 { line += "  " }
        let fill = String(repeating: " ", count: widths[column] - cell.count)
        line += alignments[column] == .right ? fill + cell : cell + fill
      }
      while line.last == " " { line.removeLast() }
      text += line + "\n"
    }
    return text
  }
}
