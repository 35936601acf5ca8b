import Autograd
import GraphvizBindings

extension Drawing {
  /// The steps of one backward pass from the root, as ``renderFrames(format:limit:_:)``
  /// draws them.
  ///
  /// The pass starts from zero: every gradient is not computed until a step reaches it, so
  /// the last frame shows the gradients of a single `backward()`. Steps of values that are not
  /// drawn as their own record (outside the focus, or inside a summary) are left out.
  ///
  /// - Returns: the seed frame, then one frame per drawn value made by an operation, root
  ///   first.
  /// - Throws: ``RenderError/unknownFocus(_:labels:)`` when the focus names no value.
  /// - Complexity: O(n + e).
  public func backwardFrames() throws -> [BackwardFrame] {
    let selection = try Selection(self, focus: options.focus, collapse: options.collapse)
    var pass = BackwardPass(self)
    var frames: [BackwardFrame] = []
    for k in pass.steps {
      pass.apply(k)  // a step changes its inputs' gradients, never its own
      guard k == rootPosition || selection.isShown(k) else { continue }
      let text = caption(k, passGrad: pass.grads[k])
      frames.append(BackwardFrame(index: frames.count, value: k, caption: text))
    }
    return frames
  }

  /// Renders one picture per backward step: the value being processed highlighted, the
  /// gradients computed so far filled in, the others shown as not computed yet (`—`).
  ///
  /// Every frame has the same layout, made once: `dot` lays out the graph with the widest
  /// gradient text each node shows in any frame, and each frame is rendered at those
  /// positions (`FixedLayout`, Graphviz's `neato -n2`) with its own text and marks.
  ///
  /// - Parameters:
  ///   - format: an output format from ``/GraphvizBindings/Graphviz/formats()``.
  ///   - limit: the largest number of frames to render.
  ///   - body: called with each frame and its bytes, in order.
  /// - Throws: ``RenderError/tooManyFrames(frames:limit:)`` before rendering anything when
  ///   there are more than `limit` frames; the errors of ``render(format:)``; whatever
  ///   `body` throws.
  /// - Complexity: one layout, then one rendering without layout per frame, in batches of
  ///   `framesPerBatch`.
  public func renderFrames(
    format: String, limit: Int, _ body: (BackwardFrame, [UInt8]) throws -> Void
  ) throws {
    let selection = try checkedSelection()
    let frames = try backwardFrames()
    guard frames.count <= limit else {
      throw RenderError.tooManyFrames(frames: frames.count, limit: limit)
    }
    var pass = BackwardPass(self)
    let positions = try frameLayout(selection: selection, widest: pass.widestGrads())
    let sizes = positions.sizes
    var next = 0
    var start = 0
    while start < frames.count {
      let batch = frames[start..<min(frames.count, start + Self.framesPerBatch)]
      start = batch.endIndex
      var texts: [String] = []
      var bound: PictureSize? = nil
      for frame in batch {
        // Run backward up to and including this frame's step.
        while next < pass.steps.count {
          let k = pass.steps[next]
          next += 1
          pass.apply(k)
          if k == frame.value { break }
        }
        let overlay = Overlay(
          grads: pass.grads, gradComputed: pass.computed, current: frame.value, sizes: sizes)
        let rendered = try renderedText(
          format: format, selection: selection, overlay: overlay, positions: positions)
        texts.append(rendered.text)
        bound = rendered.bound
      }
      let pictures = try Graphviz.render(dots: texts, format: format)
      for (frame, picture) in zip(batch, pictures) {
        try body(frame, finished(picture, format: format, bound: bound).bytes)
      }
    }
  }

  /// How many frames are handed to Graphviz at once (one child process for them all in the
  /// command-line tool): few enough that their DOT texts and pictures stay small in memory.
  static let framesPerBatch = 20

  /// The one layout of every frame: the drawing with the widest text of all frames, as
  /// `dot` lays it out (read from `json0`).
  func frameLayout(selection: Selection, widest: Overlay) throws -> FixedLayout {
    try FixedLayout(json0: try render(format: "json0", selection: selection, overlay: widest))
  }

  /// `o = tanh(n): n.grad += 0.5000 (local 0.5000 × o.grad 1.0000)`: what the backward step
  /// of value `k` does, with `passGrad`, the gradient of `k` when the step runs.
  func caption(_ k: Int, passGrad: Double) -> String {
    let name = displayName(k)
    guard !ops[k].isEmpty else { return "\(name).grad = 1 (the root)" }
    let inputNames = inputs(of: k).map { displayName(Int($0)) }
    let formula = kinds[k].rule.notation.formula(ops[k], inputNames)
    var text = "\(name) = \(formula)"
    if k == rootPosition { text = "\(name).grad = 1, then " + text }
    let updates = inputRange(k).map { position in
      let local = localDerivatives[position]
      return displayName(Int(inputs[position])) + ".grad += "
        + FieldFormat.number(local * passGrad) + " (local " + FieldFormat.number(local) + " × "
        + name + ".grad " + FieldFormat.number(passGrad) + ")"
    }
    return text + ": " + updates.joined(separator: ", ")
  }

  /// A value's label, quoted when it is not a plain name, or its node name when it has none.
  func displayName(_ k: Int) -> String {
    let label = labels[k]
    if label.isEmpty { return Trace.nodeName(k) }
    return label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) ? label : "'\(label)'"
  }
}

/// One backward pass over a drawing's trace, step by step, from zeroed gradients.
struct BackwardPass {
  let drawing: Drawing
  /// The values whose step is shown, in the order backward visits them: the root, then
  /// every value made by an operation, in reverse trace order.
  let steps: [Int]
  private(set) var grads: [Double]
  private(set) var computed: [Bool]

  /// A pass that has not started: no gradient computed.
  init(_ drawing: Drawing) {
    self.drawing = drawing
    let root = drawing.rootPosition
    var steps = [root]
    for k in stride(from: root - 1, through: 0, by: -1) where !drawing.ops[k].isEmpty {
      steps.append(k)
    }
    self.steps = steps
    grads = [Double](repeating: 0, count: drawing.valueCount)
    computed = [Bool](repeating: false, count: drawing.valueCount)
  }

  /// Runs the step of value `k`: seeds the root's gradient with 1, then adds `k`'s gradient
  /// times each local derivative into its inputs' gradients (the chain rule, as
  /// `Tape.backward`).
  mutating func apply(_ k: Int) {
    if k == drawing.rootPosition {
      grads[k] = 1
      computed[k] = true
    }
    for position in drawing.inputRange(k) {
      let i = Int(drawing.inputs[position])
      grads[i] += drawing.localDerivatives[position] * grads[k]
      computed[i] = true
    }
  }

  /// The gradients, of all that a value shows in any frame, with the longest text.
  func widestGrads() -> Overlay {
    var pass = self
    var widest = [Double](repeating: 0, count: drawing.valueCount)
    var length = [Int](repeating: 1, count: drawing.valueCount)  // "—"
    func note(_ k: Int) {
      let count = FieldFormat.number(pass.grads[k]).count
      if count > length[k] {
        length[k] = count
        widest[k] = pass.grads[k]
      }
    }
    for k in steps {
      pass.apply(k)
      note(k)
      for input in drawing.inputs(of: k) { note(Int(input)) }
    }
    let computed = length.map { $0 > 1 }
    return Overlay(grads: widest, gradComputed: computed, current: nil)
  }
}
