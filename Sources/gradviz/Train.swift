import ArgumentParser
import Autograd
import Explorer
import Foundation
import NeuralNetwork
import Rendering

extension Neuron.Graph: ExpressibleByArgument {}

extension Gradviz {
  /// `gradviz train`: micrograd's demo as a command.
  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Train micrograd's demo MLP on two-moons data, printing loss and accuracy per step.",
      discussion: """
        The model is micrograd's MLP (ReLU hidden layers, a linear output), weights uniform \
        in [-1, 1) from --seed, biases 0. Each step uses every sample:
          loss = mean(relu(1 - y*score)) + 1e-4 * sum(p*p)
          p   -= (1.0 - 0.9*k/steps) * dloss/dp        (step k = 0, 1, ...)
        and prints the loss and accuracy at the start of the step, as micrograd's demo does.

        Data: --data CSV (one sample per line: the inputs, then the label -1 or +1; a header \
        line is skipped); else the data file that the --init file names; else built-in two \
        moons (--samples, --noise, --seed).

        --init takes a JSON list of initial parameter values in micrograd's order (layer by \
        layer, neuron by neuron, weights then bias), or an object with "init_params" (and \
        optionally "layer_sizes" and "data").

        --render draws a bitmap (png, ...) at most 4,000 pixels on its long side unless \
        --size or --scale asks for another size, with a note when it was scaled down; \
        --render loss.html writes the explorer page of that graph.

        Examples:
          gradviz train --init Tests/Fixtures/shared/cases/moons-micrograd.json
          gradviz train --data moons.csv --layers 16,16,1 --json
          gradviz train --steps 20 --render loss.svg
        """)

    @Option(
      help: ArgumentHelp("The samples, as CSV: x0,x1,...,y with y -1 or +1.", valueName: "csv"))
    var data: String?

    @Option(
      help: ArgumentHelp(
        "Neurons per layer, the last one the output (default: 16,16,1).", valueName: "sizes"))
    var layers: LayerSizes?

    @Option(parsing: .unconditional, help: "The number of training steps.")
    var steps = 100

    @Option(parsing: .unconditional, help: "Seeds the initial weights and the built-in data.")
    var seed: UInt64 = 1337

    @Option(
      name: .customLong("init"),
      help: ArgumentHelp("Initial parameters, as JSON.", valueName: "file"))
    var initFile: String?

    @Option(parsing: .unconditional, help: "Samples of the built-in two moons (default: 100).")
    var samples: Int?

    @Option(parsing: .unconditional, help: "Noise of the built-in two moons (default: 0.1).")
    var noise: Double?

    @Option(
      help:
        "How a neuron's weighted sum is recorded: dot (one node) or micrograd (its chain of * and +)."
    )
    var graph: Neuron.Graph = .dot

    @Flag(help: "Print one JSON object per step: step, loss, accuracy (0 to 1), seconds.")
    var json = false

    @Option(
      help: ArgumentHelp(
        "After training, draw one sample's loss graph (without the L2 term), with its gradients, to this file.",
        valueName: "out"))
    var render: String?

    @Option(help: "The format of --render; default: its extension.")
    var format: String?

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "The sample --render draws, from 0 (default: the one with the largest loss).",
        valueName: "index"))
    var sample: Int?

    @Flag(
      name: [.customShort("q"), .long],
      help: "Do not draw the progress bar or the closing summary on standard error.")
    var quiet = false

    @OptionGroup var drawing: DrawingOptionGroup

    /// Limits that keep a mistyped size from exhausting memory.
    static let maxSamples = 1_000_000
    static let maxLayerSize = 10_000
    static let maxStepNodes = 50_000_000

    func validate() throws {
      guard steps >= 1 else { throw ValidationError("--steps must be at least 1.") }
      if let samples, samples < 2 { throw ValidationError("--samples must be at least 2.") }
      if let samples, samples > Self.maxSamples {
        throw ValidationError("--samples must be at most \(Self.maxSamples).")
      }
      if let layers, let widest = layers.sizes.max(), widest > Self.maxLayerSize {
        throw ValidationError("A layer may have at most \(Self.maxLayerSize) neurons.")
      }
      if let noise, !(noise >= 0 && noise.isFinite) {
        throw ValidationError("--noise must be a number, 0 or more.")
      }
      if data != nil && (samples != nil || noise != nil) {
        throw ValidationError(
          "--samples and --noise shape the built-in data; leave them out with --data.")
      }
      if let layers, layers.sizes.last != 1 {
        throw ValidationError("The last layer must have 1 neuron (the score), as in 16,16,1.")
      }
      if let sample, sample < 0 || render == nil {
        throw ValidationError("--sample takes a sample's index, from 0, and goes with --render.")
      }
      if render != nil && renderFormat == nil {
        throw ValidationError(
          "Cannot tell the format from '\(render ?? "")': add --format (e.g. --format svg).")
      }
    }

    private var renderFormat: String? {
      render.flatMap { OutputFormat.resolve(format: format, output: $0) }
    }

    func run() throws {
      let parameters = try initFile.map(readParameters)
      let dataset = try readData(parameters: parameters)
      if let sample, sample >= dataset.count {
        fail("--sample \(sample): there are \(dataset.count) samples, numbered from 0")
      }
      let sizes = try layerSizes(parameters: parameters, inputCount: dataset.featureCount)
      let weights = zip([dataset.featureCount] + sizes, sizes).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
      let nodes = weights.multipliedReportingOverflow(by: 2 * dataset.count)
      if nodes.overflow || nodes.partialValue > Self.maxStepNodes {
        fail(
          "one step would record about \(nodes.overflow ? "too many" : String(nodes.partialValue)) "
            + "values, more than \(Self.maxStepNodes) (about 2.5 GB): use fewer samples or smaller layers"
        )
      }
      let model = MLP(
        inputCount: dataset.featureCount, layerSizes: sizes, seed: seed, graph: graph, on: Tape())
      if let parameters {
        do {
          try model.load(parameters.parameters)
        } catch {
          fail(
            "'\(initFile ?? "")' has \(error.actual) parameter values, but MLP(\(dataset.featureCount), "
              + "\(sizes)) has \(error.expected)")
        }
      }
      var training = Training(model: model, data: dataset, steps: steps)
      var progress = Progress(total: steps, enabled: !quiet && Progress.isTerminal)
      let start = Measure.now()
      for _ in 0..<steps {
        let stepStart = Measure.now()
        let result = training.runStep()
        let seconds = Measure.now() - stepStart
        progress.clear()
        if json {
          Console.line(
            "{\"step\":\(result.step),\"loss\":\(JSONNumber(result.loss)),"
              + "\"accuracy\":\(JSONNumber(result.accuracy)),\"seconds\":\(JSONNumber(seconds))}")
        } else {
          Console.line(
            "step \(result.step) loss \(PythonFormat.float(result.loss)), "
              + "accuracy \(PythonFormat.float(result.accuracy * 100))%")
        }
        progress.show(step: result.step + 1, loss: result.loss, accuracy: result.accuracy)
      }
      progress.finish(
        "trained MLP(\(dataset.featureCount), \(sizes)), \(model.parameters().count) parameters, "
          + "on \(dataset.count) samples: \(steps) steps in \(String(format: "%.3f", Measure.now() - start)) s"
      )
      if let render, let format = renderFormat {
        let losses = training.hingeLosses()
        let chosen = sample ?? losses.indices.max { losses[$0] < losses[$1] } ?? 0
        let loss = training.sampleLoss(chosen)
        model.zeroGrad()
        loss.backward()
        if OutputFormat.isExplorer(format) {
          let page = ExplorerPage(
            root: loss, options: drawing.options, title: "the loss of sample \(chosen)")
          let text = try GraphvizFailure.guarding { try page.html() }
          try OutputFile.write(Array(text.utf8), to: render)
          return
        }
        let picture = try GraphvizFailure.guarding {
          try Drawing(root: loss, options: drawing.options).picture(format: format)
        }
        try OutputFile.write(picture.bytes, to: render)
        if let fit = picture.fit, !quiet {
          Console.error(
            "gradviz: note: \(render == "-" ? "the picture" : render) \(fit) "
              + "(--size or --scale for another size)")
        }
      }
    }

    // MARK: - Inputs

    private func readParameters(_ path: String) throws -> ParameterFile {
      guard let bytes = FileManager.default.contents(atPath: path) else {
        fail("cannot read '\(path)': \(Console.reason(forPath: path))")
      }
      do {
        return try ParameterFile(json: bytes)
      } catch {
        fail("'\(path)': \(error.description)")
      }
    }

    private func readData(parameters: ParameterFile?) throws -> Dataset {
      var path = data
      if path == nil, let named = parameters?.dataPath, let initFile {
        // Relative to the init file's own folder, as written: the system resolves `..` and
        // links, so `../data.csv` is the file beside that folder, not a lexical guess.
        let folder = (initFile as NSString).deletingLastPathComponent
        path = named.hasPrefix("/") || folder.isEmpty ? named : folder + "/" + named
      }
      guard let path else {
        return Dataset.twoMoons(count: samples ?? 100, noise: noise ?? 0.1, seed: seed)
      }
      guard let bytes = FileManager.default.contents(atPath: path) else {
        let origin = data == nil ? " (named by '\(initFile ?? "")'; give --data)" : ""
        fail("cannot read '\(path)'\(origin): \(Console.reason(forPath: path))")
      }
      do {
        return try Dataset(csv: String(decoding: bytes, as: UTF8.self))
      } catch {
        fail("'\(path)': \(error.description)")
      }
    }

    private func layerSizes(parameters: ParameterFile?, inputCount: Int) throws -> [Int] {
      guard let fileSizes = parameters?.layerSizes else { return layers?.sizes ?? [16, 16, 1] }
      if fileSizes[0] != inputCount {
        fail(
          "'\(initFile ?? "")' is for \(fileSizes[0]) inputs, but the samples have \(inputCount)")
      }
      let sizes = Array(fileSizes.dropFirst())
      if let layers, layers.sizes != sizes {
        fail(
          "--layers \(layers.sizes.map(String.init).joined(separator: ",")) differs from the init file's layer_sizes \(fileSizes)"
        )
      }
      if sizes.last != 1 { fail("'\(initFile ?? "")': the last layer must have 1 neuron") }
      return sizes
    }

    private func fail(_ message: String) -> Never {
      Console.error("gradviz: error: \(message)")
      Gradviz.exit(withError: ExitCode(1))
    }
  }
}

/// `--layers 16,16,1`: the number of neurons of each layer.
struct LayerSizes: ExpressibleByArgument {
  let sizes: [Int]

  init?(argument: String) {
    let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
    guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) >= 1 }) else { return nil }
    sizes = parts.compactMap { $0 }
  }
}

/// A number as JSON writes it: the shortest text that reads back exactly; NaN and the
/// infinities, which JSON numbers cannot hold, as the strings `"nan"`, `"inf"` and `"-inf"`,
/// as every other JSON output of gradviz writes them.
struct JSONNumber: CustomStringConvertible {
  let value: Double
  init(_ value: Double) { self.value = value }
  var description: String {
    if value.isNaN { return "\"nan\"" }
    if value.isInfinite { return value < 0 ? "\"-inf\"" : "\"inf\"" }
    return value.description
  }
}

/// Clocks.
enum Measure {
  /// Seconds on a monotonic clock.
  static func now() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) * 1e-9
  }
}

/// A progress bar on standard error, drawn only when standard error is a terminal.
struct Progress {
  let total: Int
  let enabled: Bool
  private var drawn = false

  /// Whether standard error is a terminal that understands cursor movement (not `TERM=dumb`).
  static var isTerminal: Bool {
    isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  init(total: Int, enabled: Bool) {
    self.total = total
    self.enabled = enabled
  }

  /// Removes the bar so that a line can be printed in its place.
  mutating func clear() {
    guard enabled, drawn else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    drawn = false
  }

  /// Draws the bar after `step` of ``total`` steps.
  mutating func show(step: Int, loss: Double, accuracy: Double) {
    guard enabled else { return }
    fflush(nil)  // the step lines first
    let width = 30
    let filled = step * width / total
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    let text =
      "[\(bar)] \(step)/\(total)  "
      + String(format: "loss %.6g  accuracy %.1f%%", loss, accuracy * 100)
    FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
    drawn = true
  }

  /// Replaces the bar with a closing line.
  mutating func finish(_ summary: String) {
    guard enabled else { return }
    clear()
    FileHandle.standardError.write(Data((summary + "\n").utf8))
  }
}
