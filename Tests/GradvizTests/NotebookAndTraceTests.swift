import Foundation
import Testing

/// Notebooks run as Jupyter runs them, and a script's own Value class is traced as its
/// objects are, through the built binary.
@Suite("Notebooks and traced classes")
struct NotebookAndTraceTests {
  /// Writes `text` to a new folder as `name` and returns its path.
  static func file(_ name: String, _ text: String) throws -> String {
    let url = try Differential.folder().appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// A notebook (nbformat 4) whose code cells are `cells`, with a markdown cell first.
  static func notebook(_ cells: [String]) throws -> String {
    var all: [[String: Any]] = [["cell_type": "markdown", "metadata": [:], "source": ["# notes"]]]
    for cell in cells {
      let lines = cell.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let source = lines.enumerated().map { $0 < lines.count - 1 ? $1 + "\n" : $1 }
      all.append([
        "cell_type": "code", "metadata": [:], "execution_count": NSNull(), "outputs": [],
        "source": source,
      ])
    }
    let json: [String: Any] = ["cells": all, "metadata": [:], "nbformat": 4, "nbformat_minor": 5]
    let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }

  @Test func cellsRunInOrderAndKeepGoingAfterAnError() throws {
    let path = try Self.file(
      "cells.ipynb",
      try Self.notebook([
        "%matplotlib inline\nx = 2\nx * 10",
        "print('before')\ny = undefined_name + 1\nprint('not reached')",
        "!pip install micrograd\nprint('after', x)",
        "x;",
        "None",
        "a = Value(3.0, label='a')\nb = a * a\nb",
        "def f():\n    raise ValueError('inside f')",
        "f()",
      ]))
    let result = try CLI.run(["run", path], environment: ["NO_COLOR": "1"])
    #expect(result.status == 1)
    #expect(result.stdout == "20\nbefore\nafter 2\nValue(data=9.0)\n")
    let errors = Differential.failures(result.stderr)
    #expect(
      errors.map(\.description) == [
        "\(path) cell 2:2: NameError: name 'undefined_name' is not defined",
        "\(path) cell 7:2: ValueError: inside f",
      ], "\(result.stderr)")
    #expect(
      result.stderr.contains("y = undefined_name + 1\n    ^~~~~~~~~~~~~~"), "\(result.stderr)")
    let skipped = result.stderr.components(separatedBy: "IPython lines skipped").count - 1
    #expect(skipped == 1, "one note for all the magic and shell lines:\n\(result.stderr)")
    #expect(result.stderr.contains("cell 1 line 1: %matplotlib inline (and 1 more)"))
  }

  /// A cell that raises does not cost the later cells' graphs: grads, dot and `render --all`
  /// write what those cells made, print the error, and end with status 1.
  @Test func graphsAfterARaisingCellAreStillShown() throws {
    let path = try Self.file(
      "raises.ipynb",
      try Self.notebook([
        "a = Value(2.0, label='a')",
        "raise ValueError('boom')",
        "c = a*a + 1; c.label = 'c'\ndraw_dot(c)",
      ]))
    let grads = try CLI.run(["grads", path], environment: ["NO_COLOR": "1"])
    #expect(grads.status == 1)
    #expect(grads.stdout.contains("3  c      +    5.0   1.0"), "\(grads.stdout)")
    #expect(grads.stdout.contains("0  a           2.0   4.0"), "\(grads.stdout)")
    #expect(grads.stderr.contains("ValueError: boom"), "\(grads.stderr)")
    let dot = try CLI.run(["dot", path])
    #expect(dot.status == 1)
    #expect(dot.stdout.hasPrefix("digraph gradviz {") && dot.stdout.hasSuffix("}\n"))
    let folder = try Differential.folder().appendingPathComponent("pictures").path
    let all = try CLI.run(["render", path, "--all", "-o", folder])
    #expect(all.status == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["cell-3.svg"])
  }

  /// `--timeout` stops a runaway cell and the cells after it do not run.
  @Test func timeoutStopsTheNotebook() throws {
    let path = try Self.file(
      "loop.ipynb",
      try Self.notebook(["print('first')", "while True:\n    pass", "print('never')"]))
    let result = try CLI.run(["run", "--timeout", "1", path], environment: ["NO_COLOR": "1"])
    #expect(result.status == 1)
    #expect(result.stdout == "first\n")
    #expect(result.stderr.contains("cell 2:"), "\(result.stderr)")
    #expect(result.stderr.contains("--timeout"), "\(result.stderr)")
  }

  @Test func notANotebook() throws {
    let path = try Self.file("broken.ipynb", "{\"cells\": [")
    let result = try CLI.run(["run", path], environment: ["NO_COLOR": "1"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("not a notebook: JSON error at line 1"), "\(result.stderr)")
  }

  /// The lecture's Value keeps `_prev` as a set, which Python iterates by id: different on
  /// every run. The drawing and the table are the same bytes however the objects fall in
  /// memory.
  @Test func ownClassWithSetChildrenIsDeterministic() throws {
    let cells = try Differential.codeCells(
      "realcode/nn-zero-to-hero/micrograd_lecture_second_half_roughly.ipynb")
    let value = try #require(cells.first { $0.hasPrefix("class Value") })
    let neuron = try #require(cells.first { $0.contains("o = n.tanh()") })
    var outputs: Set<String> = []
    for junk in [0, 1, 777, 5000] {
      let script =
        "import math\njunk = [[0] * (i % 7) for i in range(\(junk))]\n" + value + "\n" + neuron
      let path = try Self.file("own.py", script)
      let dot = try CLI.run(["dot", path])
      let grads = try CLI.run(["grads", path, "--format", "csv"])
      #expect(dot.status == 0, "\(dot.stderr)")
      #expect(grads.status == 0, "\(grads.stderr)")
      outputs.insert(dot.stdout + grads.stdout)
    }
    #expect(outputs.count == 1)
    let table = CLI.csv(try #require(outputs.first).components(separatedBy: "}\n").last ?? "")
    let grads = Dictionary(table.dropFirst().map { ($0[1], $0[4]) }) { a, _ in a }
    #expect(grads["x1"].flatMap(Double.init).map { abs($0 + 1.5) < 1e-12 } == true, "\(table)")
    #expect(grads["o"] == "1.0")
  }

  /// `a * a` with set-stored children: the object holds one child, so the drawing has one
  /// edge into the `*` node; the learner's own backward still adds both terms (a.grad 6).
  @Test func setChildrenAreShownAsTheObjectHoldsThem() throws {
    let script = """
      class Value:
        def __init__(self, data, _children=(), _op='', label=''):
          self.data = data; self.grad = 0.0; self._backward = lambda: None
          self._prev = set(_children); self._op = _op; self.label = label
        def __mul__(self, other):
          out = Value(self.data * other.data, (self, other), '*')
          def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
          out._backward = _backward
          return out
      a = Value(3.0, label='a')
      b = a * a; b.label = 'b'
      b.grad = 1.0; b._backward()
      draw_dot(b)

      """
    let path = try Self.file("square.py", script)
    let dot = try CLI.run(["dot", path])
    #expect(dot.status == 0, "\(dot.stderr)")
    #expect(dot.stdout.components(separatedBy: "-> n1op").count - 1 == 1, "\(dot.stdout)")
    #expect(dot.stdout.contains("{a|data 3.0000|grad 6.0000}"), "\(dot.stdout)")
  }

  @Test func drawingSomethingThatIsNotAValueSaysSo() throws {
    let path = try Self.file(
      "bad.py", "def draw_dot(root):\n    return 'drawn'\nprint(draw_dot(3))\n")
    let result = try CLI.run(["run", path], environment: ["NO_COLOR": "1"])
    #expect(result.status == 0)
    #expect(result.stdout == "drawn\n")
    #expect(
      result.stderr.contains(
        "draw_dot: no picture: draw_dot: expected a Value (an object with 'data' and '_prev' or"
          + " '_children'), got int 3"), "\(result.stderr)")
  }

  /// The tracer never recurses: a chain of the script's own class, 100,000 deep.
  @Test func deepChainOfOwnClass() throws {
    let script = """
      import math
      class V:
          def __init__(self, data, _children=(), _op=''):
              self.data = data; self.grad = 0.0; self._prev = set(_children); self._op = _op
          def tanh(self):
              return V(math.tanh(self.data), (self,), 'tanh')
      y = V(0.5)
      for _ in range(100000):
          y = y.tanh()
      draw_dot(y)

      """
    let path = try Self.file("deep.py", script)
    let result = try CLI.run(["grads", path, "--format", "csv"])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = CLI.csv(result.stdout)
    #expect(rows.count == 100_002)
    #expect(rows.last?[2] == "tanh")
  }

  /// `render --all` on the lecture's first notebook: one picture per draw_dot call (the
  /// lecture's own draw_dot, on the graphviz module gradviz provides), named by cell, and its
  /// two matplotlib plots as PNG beside them.
  @Test func lectureNotebookPicturesAndFigures() throws {
    let notebook = DifferentialTests.url(
      "realcode/nn-zero-to-hero/micrograd_lecture_first_half_roughly.ipynb")
    let folder = try Differential.folder().appendingPathComponent("out")
    let result = try CLI.run(["render", notebook.path, "--all", "-o", folder.path])
    #expect(result.status == 0, "\(result.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(
      names == [
        "cell-10.svg", "cell-13-figure.png", "cell-15.svg", "cell-32.svg", "cell-33.svg",
        "cell-4-figure.png",
      ])
    for name in names where name.hasSuffix(".png") {
      let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
      #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is a PNG")
    }
    let svg = try String(contentsOf: folder.appendingPathComponent("cell-15.svg"), encoding: .utf8)
    #expect(svg.contains("<svg"))
    #expect(svg.contains("x1*w1 + x2*w2"))
  }

  /// A script's figures: saved at `plt.show()`, and what is still open at the end, named
  /// by the line that showed or made them.
  @Test func scriptFigures() throws {
    let path = try Self.file(
      "plots.py",
      """
      import matplotlib.pyplot as plt
      plt.plot([1, 2, 3], [1, 4, 9])
      plt.show()
      fig = plt.figure()
      plt.plot([1, 2], [2, 1])
      a = Value(1.0, label='a')
      draw_dot(a * 2)

      """)
    let folder = try Differential.folder().appendingPathComponent("out")
    let result = try CLI.run(["render", path, "--all", "-o", folder.path])
    #expect(result.status == 0, "\(result.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names == ["line-3-figure.png", "line-4-figure.png", "line-7.svg"])
    // Figures get the mode of any new file gradviz writes (0666 less the umask).
    let modes = try names.map {
      try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent($0).path)[
        .posixPermissions] as? Int
    }
    let mask = umask(0)
    umask(mask)
    #expect(modes.allSatisfy { $0 == 0o666 & ~Int(mask) }, "\(modes)")
  }
}
