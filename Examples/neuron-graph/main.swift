// The walkthrough's neuron through gradviz's libraries, as a package of your own would use
// them: o = tanh(x1*w1 + x2*w2 + b) forward and backward, each leaf's grad printed, and the
// graph written as DOT text (neuron.dot) and as an SVG picture (neuron.svg).
//
// Usage: neuron-graph [FOLDER]   (FOLDER for the two files; default: the current folder)
//
// The code from `let tape` to `render` is the getting-started article's, line for line.
import Autograd
import Foundation
import Rendering

let folder = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? ".")
do {
  let tape = Tape()
  let x1 = Value(2.0, label: "x1", on: tape)
  let x2 = Value(0.0, label: "x2", on: tape)
  let w1 = Value(-3.0, label: "w1", on: tape)
  let w2 = Value(1.0, label: "w2", on: tape)
  let b = Value(6.8813735870195432, label: "b", on: tape)
  let o = (x1 * w1 + x2 * w2 + b).tanh()
  o.label = "o"
  o.backward()
  print("o", "data", o.data)
  for leaf in [x1, x2, w1, w2, b] {
    print(leaf.label, "grad", leaf.grad)
  }
  let drawing = Drawing(root: o)
  let dot = try drawing.dot()
  let svg = try drawing.render(format: "svg")

  let dotFile = folder.appendingPathComponent("neuron.dot")
  let svgFile = folder.appendingPathComponent("neuron.svg")
  try Data(dot.utf8).write(to: dotFile, options: .atomic)
  try Data(svg).write(to: svgFile, options: .atomic)
  print("wrote", dotFile.path, "and", svgFile.path)
} catch {
  FileHandle.standardError.write(Data("neuron-graph: \(error)\n".utf8))
  exit(1)
}
