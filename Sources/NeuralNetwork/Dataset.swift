import Foundation

/// Labelled samples for binary classification: each sample is a list of numbers and a label
/// of -1 or +1, as in micrograd's demo.
public struct Dataset: Sendable, Equatable {
  /// The samples' inputs; every row has ``featureCount`` numbers.
  public let inputs: [[Double]]
  /// The samples' labels, each -1 or +1.
  public let labels: [Double]

  /// Creates a data set.
  ///
  /// - Precondition: as many labels as rows, each -1 or +1; at least one sample; every row
  ///   the same length, at least 1.
  public init(inputs: [[Double]], labels: [Double]) {
    precondition(
      !inputs.isEmpty && inputs.count == labels.count, "a data set needs one label per sample")
    precondition(labels.allSatisfy { $0 == 1 || $0 == -1 }, "labels must be -1 or +1")
    precondition(
      inputs[0].count >= 1 && inputs.allSatisfy { $0.count == inputs[0].count },
      "every sample needs the same number of inputs")
    self.inputs = inputs
    self.labels = labels
  }

  /// The number of samples.
  public var count: Int { inputs.count }

  /// The number of inputs of each sample.
  public var featureCount: Int { inputs[0].count }
}

// MARK: - CSV

extension Dataset {
  /// Reads a data set from comma-separated text: one sample per line, its inputs and then
  /// its label, such as micrograd's demo data `x0,x1,y`.
  ///
  /// A first line with no number in it is a header and is skipped; blank lines are
  /// skipped; `\r\n` line ends are accepted. Labels must be -1 or +1 (written `-1`, `1`, `+1`,
  /// `-1.0` or `1.0`).
  ///
  /// - Parameter text: the file's contents.
  /// - Throws: ``DatasetError`` naming the line of the first problem: a cell that is not a
  ///   finite number, a line with a different number of cells, a label other than -1 or +1,
  ///   fewer than two columns, or no samples at all.
  /// - Complexity: O(length of `text`).
  public init(csv text: String) throws(DatasetError) {
    var inputs: [[Double]] = []
    var labels: [Double] = []
    var columns: Int?
    // "\r\n" is one Character, and a newline.
    for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
    {
      let lineNumber = index + 1
      if line.allSatisfy(\.isWhitespace) { continue }
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      let numbers = cells.map { Double($0) }
      if lineNumber == 1 && numbers.allSatisfy({ $0 == nil }) { continue }  // a header
      guard cells.count >= 2 else {
        throw DatasetError(
          line: lineNumber, "expected the inputs and then the label, separated by commas")
      }
      if let columns, cells.count != columns {
        throw DatasetError(
          line: lineNumber, "expected \(columns) cells, as on the first line, found \(cells.count)")
      }
      columns = cells.count
      var row: [Double] = []
      for (cell, number) in zip(cells, numbers) {
        guard let number, number.isFinite else {
          throw DatasetError(line: lineNumber, "'\(cell)' is not a finite number")
        }
        row.append(number)
      }
      let label = row.removeLast()
      guard label == 1 || label == -1 else {
        throw DatasetError(
          line: lineNumber,
          "the label (last cell) must be -1 or +1, found '\(cells[cells.count - 1])'"
            + (label == 0 ? " (for labels 0/1, write -1 for 0)" : ""))
      }
      inputs.append(row)
      labels.append(label)
    }
    guard !inputs.isEmpty else {
      throw DatasetError(line: nil, "no samples (expected lines such as 0.5,-1.2,1)")
    }
    self.init(inputs: inputs, labels: labels)
  }
}

/// Why a data set could not be read.
public struct DatasetError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The line of the problem, from 1; `nil` for the file as a whole.
  public let line: Int?
  /// What is wrong.
  public let message: String

  init(line: Int?, _ message: String) {
    self.line = line
    self.message = message
  }

  /// `line 3: 'abc' is not a finite number`.
  public var description: String {
    line.map { "line \($0): \(message)" } ?? message
  }
}

// MARK: - Two moons

extension Dataset {
  /// Two interleaving half circles in the plane, as scikit-learn's `make_moons`, with labels
  /// -1 (the upper moon) and +1 (the lower one), as micrograd's demo uses them.
  ///
  /// ```
  /// upper: (cos t, sin t)             t = π·i/(n-1), i = 0 … n-1    label -1
  /// lower: (1 - cos t, 0.5 - sin t)                                  label +1
  /// ```
  /// Gaussian noise with standard deviation `noise` (Box–Muller) is added to every
  /// coordinate, then the samples are shuffled (Fisher–Yates), all from a ``SeededGenerator``:
  /// the same seed gives the same data. (The exact numbers differ from scikit-learn's, whose
  /// generator is numpy's.)
  ///
  /// - Parameters:
  ///   - count: the number of samples, at least 2: `count / 2` on the upper moon, the rest on
  ///     the lower.
  ///   - noise: the standard deviation of the noise, 0 or more.
  ///   - seed: the generator's seed.
  /// - Complexity: O(`count`).
  public static func twoMoons(count: Int = 100, noise: Double = 0.1, seed: UInt64 = 1337) -> Dataset
  {
    precondition(count >= 2, "two moons need at least 2 samples")
    precondition(noise >= 0, "noise must be 0 or more")
    var generator = SeededGenerator(seed: seed)
    let upper = count / 2
    let lower = count - upper
    var inputs: [[Double]] = []
    var labels: [Double] = []
    func angle(_ i: Int, of n: Int) -> Double { n == 1 ? 0 : Double.pi * Double(i) / Double(n - 1) }
    for i in 0..<upper {
      let t = angle(i, of: upper)
      inputs.append([cos(t), sin(t)])
      labels.append(-1)
    }
    for i in 0..<lower {
      let t = angle(i, of: lower)
      inputs.append([1 - cos(t), 0.5 - sin(t)])
      labels.append(1)
    }
    for row in inputs.indices {
      for column in 0..<2 { inputs[row][column] += noise * gaussian(&generator) }
    }
    for i in stride(from: count - 1, to: 0, by: -1) {
      let j = Int(generator.next() >> 11) % (i + 1)
      inputs.swapAt(i, j)
      labels.swapAt(i, j)
    }
    return Dataset(inputs: inputs, labels: labels)
  }

  /// A standard normal number by the Box–Muller transform.
  private static func gaussian(_ generator: inout SeededGenerator) -> Double {
    let u = 1 - generator.nextUnit()  // in (0, 1]
    let v = generator.nextUnit()
    return (-2 * Foundation.log(u)).squareRoot() * cos(2 * Double.pi * v)
  }
}
