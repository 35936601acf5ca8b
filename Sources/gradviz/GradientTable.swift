import ArgumentParser
import Autograd

/// The `grads` table: one row per value the root depends on, in topological order.
struct GradientTable {
  /// How the table is written.
  enum Format: String, CaseIterable, ExpressibleByArgument {
    case table, csv
  }

  let root: Value

  private static let header = ["#", "label", "op", "data", "grad"]

  /// The cells: position in topological order, label, op, data and grad as Python prints
  /// them; a grad never computed is empty in CSV and `-` in the table.
  private var rows: [[String]] {
    root.tape.topologicalOrder(from: root.id).enumerated().map { position, id in
      let value = Value(tape: root.tape, id: id)
      return [
        String(position), value.label, value.op, PythonFormat.float(value.data),
        value.isGradComputed ? PythonFormat.float(value.grad) : "",
      ]
    }
  }

  /// The whole table, each line ending in a newline.
  ///
  /// - Complexity: O(n) in the number of values the root depends on.
  func text(_ format: Format) -> String {
    switch format {
    case .table: aligned()
    case .csv: ([Self.header] + rows).map { $0.map(Self.csvField).joined(separator: ",") + "\n" }.joined()
    }
  }

  private static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  private func aligned() -> String {
    let table = [Self.header] + rows.map { row in row.enumerated().map { $0 == 4 && $1.isEmpty ? "-" : $1 } }
    let widths = Self.header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
    let rightAligned: Set<Int> = [0, 3, 4]
    return table.map { cells in
      let padded = cells.enumerated().map { column, cell in
        let fill = String(repeating: " ", count: widths[column] - cell.count)
        return rightAligned.contains(column) ? fill + cell : cell + fill
      }
      var line = padded.joined(separator: "  ")
      while line.last == " " { line.removeLast() }
      return line + "\n"
    }.joined()
  }
}
