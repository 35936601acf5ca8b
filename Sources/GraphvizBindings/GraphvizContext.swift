import CGraphviz
import Dispatch
import Foundation
import Synchronization

/// The text that Graphviz passed to ``collectGraphvizMessage(_:)`` since the last reset.
private let reportedMessages = Mutex<String>("")

/// Graphviz's error handler while a ``GraphvizContext`` operation runs (`agseterrf`; the
/// previous handler is put back when the operation ends).
///
/// Graphviz calls it with fragments of each message (`"Error"`, `": "`, the text), from
/// whichever thread runs the failing call; it only appends them to ``reportedMessages``.
private func collectGraphvizMessage(_ fragment: UnsafeMutablePointer<CChar>?) -> Int32 {
  guard let fragment else { return 0 }
  let text = String(cString: fragment)
  reportedMessages.withLock { $0 += text }
  return 0
}

/// The one place that calls Graphviz (cgraph and gvc).
///
/// Graphviz keeps global state and is not thread-safe, so there is one process-wide `GVC_t`
/// context, created on first use, and every operation holds one lock from start to end. Each
/// operation resets Graphviz's error count first and fails if a call returns non-zero or
/// Graphviz reported an error, with Graphviz's own messages in ``GraphvizError/graphviz(_:)``.
/// Operations run on a thread with a large stack, because `dot`'s layout recurses deeply on
/// large graphs.
package enum GraphvizContext {
  /// A `GVC_t` pointer, which Graphviz lets any one thread at a time use.
  private final class Context: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Whether ``discard(_:)`` freed the context.
    var isFreed = false
    /// The device plugins, listed on first use; they do not change while the context lives.
    var devices: [String]?
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
  }

  /// What the lock protects.
  private struct State {
    /// The process-wide context, `nil` until first used (or after a failed render).
    var context: Context?
  }

  /// The lock that serialises every use of Graphviz, and the state it protects.
  private static let shared = Mutex(State())

  /// The stack size of the thread that runs Graphviz: `dot` needed more than 256 KB for a
  /// 20,000-node layout. 64 MiB is a hundred times that; it is reserved address space, not
  /// memory, but under an address-space limit (`ulimit -v`) it is taken from what Graphviz
  /// may allocate, so it is no larger.
  private static let stackSize = 64 << 20

  /// The layout engine: `dot`, or `nop2` (`neato -n2`: nodes and edges stay at the `pos`
  /// they carry) for a graph whose `layout` attribute asks for it, as the `dot` program
  /// honours that attribute.
  private static func engine(of graph: UnsafeMutablePointer<Agraph_t>) -> String {
    var name = Array("layout".utf8CString)
    let value = name.withUnsafeMutableBufferPointer { agget(graph, $0.baseAddress) }
    return value.map { String(cString: $0) } == "nop2" ? "nop2" : "dot"
  }

  // MARK: - Operations

  /// Builds a graph and returns the DOT text that cgraph's `agwrite` writes for it.
  ///
  /// - Parameters:
  ///   - name: the graph's name.
  ///   - build: adds attributes, nodes and edges to the empty directed graph.
  /// - Returns: the DOT text.
  /// - Throws: ``GraphvizError/graphviz(_:)`` when Graphviz reports an error; whatever `build`
  ///   throws.
  package static func writeDOT(named name: String, build: (inout Graph) throws -> Void) throws
    -> String
  {
    // Building and writing recurse only into subgraphs, so the calling thread's stack is
    // enough; no 512 MB of address space for a large stack.
    try exclusively(onLargeStack: false) { _ in
      try withGraph(named: name, build: build) { graph in
        try step("writing DOT") {
          var buffer: UnsafeMutablePointer<CChar>? = nil
          var size = 0
          guard let file = open_memstream(&buffer, &size) else {
            throw GraphvizError.graphviz("cannot open a memory stream for the DOT text")
          }
          let status = agwrite(graph.graph, file)
          fclose(file)
          defer { free(buffer) }
          let text = String(
            decoding: UnsafeRawBufferPointer(start: buffer, count: buffer == nil ? 0 : size),
            as: UTF8.self)
          return (status, text)
        }
      }
    }
  }

  /// Each string as Graphviz's own `agcanon` (`agstrcanon` for a string that is not HTML)
  /// quotes it: what tests compare gradviz's own quoting with.
  ///
  /// - Throws: ``GraphvizError/graphviz(_:)`` when no Graphviz context can be created.
  package static func canonical(_ texts: [String]) throws -> [String] {
    try exclusively { _ in
      texts.map { text in
        var bytes = Array(text.utf8CString)
        return bytes.withUnsafeMutableBufferPointer { buffer in
          agcanon(buffer.baseAddress, 0).map { String(cString: $0) } ?? ""
        }
      }
    }
  }

  /// Builds a graph, lays it out with `dot` and renders it in memory.
  ///
  /// - Parameters:
  ///   - name: the graph's name.
  ///   - format: a format that ``formats()`` lists, such as `svg`.
  ///   - build: adds attributes, nodes and edges to the empty directed graph.
  /// - Returns: the bytes of the rendered file.
  /// - Throws: ``GraphvizError/unknownFormat(_:available:)`` (checked before any layout, since
  ///   a failed `gvRenderData` spoils the next one in Graphviz 2.42);
  ///   ``GraphvizError/graphviz(_:)`` when Graphviz reports an error; whatever `build` throws.
  package static func render(
    named name: String, format: String, build: (inout Graph) throws -> Void
  ) throws -> [UInt8] {
    try exclusively { context in
      try checkFormat(format, context)
      return try withGraph(named: name, build: build) { graph in
        try layOutAndRender(graph.graph, format: format, context: context).bytes
      }
    }
  }

  /// Reads DOT text, lays it out with `dot` and renders it in memory: what the `dot` program
  /// does with the same text, without a process.
  ///
  /// - Parameters:
  ///   - text: a DOT graph, such as ``writeDOT(named:build:)`` returns.
  ///   - format: a format that ``formats()`` lists, such as `svg`.
  /// - Returns: the bytes of the rendered file.
  /// - Throws: ``GraphvizError/unknownFormat(_:available:)`` (checked before reading);
  ///   ``GraphvizError/graphviz(_:)`` when Graphviz cannot read the text or reports an error.
  package static func render(dot text: String, format: String) throws -> [UInt8] {
    try renderMeasured(dot: text, format: format).bytes
  }

  /// The width and height of a layout's bounding box, in points.
  package typealias LayoutSize = (width: Double, height: Double)

  /// Like ``render(dot:format:)``, and also returns the size of the layout: the width and
  /// height of its bounding box, in points, before any `size` or `dpi` scaling; `nil` if
  /// Graphviz set no bounding box.
  package static func renderMeasured(dot text: String, format: String) throws -> (
    bytes: [UInt8], layout: LayoutSize?
  ) {
    try exclusively { context in
      try checkFormat(format, context)
      let graph = try step("reading DOT") { () -> (Int32, UnsafeMutablePointer<Agraph_t>?) in
        var bytes = Array(text.utf8)
        let graph = bytes.withUnsafeMutableBufferPointer { buffer in
          buffer.baseAddress.flatMap { gradviz_read($0, buffer.count) }
        }
        return (graph == nil ? -1 : 0, graph)
      }
      guard let graph else { throw GraphvizError.graphviz("cannot read the DOT text") }
      defer { agclose(graph) }
      return try layOutAndRender(graph, format: format, context: context)
    }
  }

  /// Fails unless an installed device renders `format`.
  private static func checkFormat(_ format: String, _ context: Context) throws {
    let devices = deviceList(context)
    guard formatNames(devices).contains(format) else {
      throw GraphvizError.unknownFormat(format, available: formatNames(devices))
    }
  }

  /// Lays out `graph` and renders it; frees the layout in any case.
  private static func layOutAndRender(
    _ graph: UnsafeMutablePointer<Agraph_t>, format: String, context: Context
  ) throws -> (bytes: [UInt8], layout: LayoutSize?) {
    let gvc = context.pointer
    var renderingStarted = false
    let rendered = Result { () throws -> (bytes: [UInt8], layout: LayoutSize?) in
      defer { gvFreeLayout(gvc, graph) }
      try step("layout") { (gvLayout(gvc, graph, engine(of: graph)), ()) }
      let layout = boundingBox(graph)
      if PictureSize.rasterFormats.contains(format) { try checkPixels(of: graph, layout: layout) }
      renderingStarted = true
      let bytes = try step("rendering \(format)") {
        var data: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        let status = gradviz_render_data(gvc, graph, format, &data, &length)
        defer { gvFreeRenderData(data) }
        let bytes = data.map { Array(UnsafeRawBufferPointer(start: $0, count: Int(length))) }
        return (status, bytes ?? [])
      }
      return (bytes, layout)
    }
    if case .failure = rendered, renderingStarted {
      // A failed gvRenderData can leave a stale job that breaks the next render: start
      // over with a fresh context.
      discard(context)
    }
    return try rendered.get()
  }

  /// Fails when a laid-out graph would render to more pixels than the budget allows.
  ///
  /// - Throws: ``GraphvizError/pictureTooLarge(width:height:limit:)``.
  private static func checkPixels(
    of graph: UnsafeMutablePointer<Agraph_t>, layout: LayoutSize?
  ) throws {
    func attribute(_ name: String) -> String? {
      var mutableName = Array(name.utf8CString)
      let value = mutableName.withUnsafeMutableBufferPointer { agget(graph, $0.baseAddress) }
      return value.map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }
    let box = gradviz_bounding_box(graph)
    let width = layout?.width ?? (box.UR.x - box.LL.x)
    let height = layout?.height ?? (box.UR.y - box.LL.y)
    let dpi = (attribute("dpi") ?? attribute("resolution")).flatMap(Double.init) ?? 96
    let size = attribute("size").flatMap(PictureSize.init)
    let pixels = PictureSize.pixels(
      boundingBox: (width, height), size: size, dpi: dpi > 0 ? dpi : 96)
    try PictureSize.checkBudget(pixels)
  }

  /// The width and height of a laid-out graph's bounding box, in points: Graphviz's own
  /// numbers (`GD_bb`), which the `bb` attribute rounds.
  private static func boundingBox(_ graph: UnsafeMutablePointer<Agraph_t>) -> LayoutSize? {
    let box = gradviz_bounding_box(graph)
    let width = box.UR.x - box.LL.x
    let height = box.UR.y - box.LL.y
    guard width.isFinite, height.isFinite, width >= 0, height >= 0 else { return nil }
    return (width, height)
  }

  /// The output formats of the installed device plugins.
  ///
  /// - Returns: the names without their `:plugin` suffixes, deduplicated and sorted.
  /// - Throws: ``GraphvizError/graphviz(_:)`` when no Graphviz context can be created.
  static func formats() throws -> [String] {
    try exclusively { formatNames(deviceList($0)) }
  }

  /// Graphviz's version (`gvcVersion`), or `unknown` when no context can be created.
  static var version: String {
    (try? exclusively { context in gvcVersion(context.pointer).map { String(cString: $0) } })
      .flatMap { $0 } ?? "unknown"
  }

  // MARK: - Context and errors

  /// Runs `body` with the process-wide context, holding the lock, on a large-stack thread
  /// unless `largeStack` is false.
  private static func exclusively<R: Sendable>(
    onLargeStack largeStack: Bool = true, _ body: (Context) throws -> R
  ) throws -> R {
    try shared.withLock { state throws -> R in
      // Graphviz's error handler is process-wide: collect its messages only while this
      // operation runs, and give the handler back afterwards.
      let previousHandler = agseterrf(collectGraphvizMessage)
      defer { agseterrf(previousHandler) }
      let context: Context
      if let existing = state.context {
        context = existing
      } else {
        guard let created = gvContext() else {
          throw GraphvizError.graphviz("cannot create a Graphviz context")
        }
        context = Context(created)
        state.context = context
      }
      defer { if context.isFreed { state.context = nil } }
      return largeStack ? try onLargeStack { try body(context) } : try body(context)
    }
  }

  /// Frees `context` after a failure that may have left it unusable; the next operation
  /// creates a new one.
  private static func discard(_ context: Context) {
    gvFreeContext(context.pointer)
    context.isFreed = true
  }

  /// Resets Graphviz's error state, runs one C step, and fails if it returned non-zero or
  /// Graphviz reported an error.
  private static func step<R>(_ what: String, _ call: () throws -> (Int32, R)) throws -> R {
    agreseterrors()
    reportedMessages.withLock { $0 = "" }
    let (status, result) = try call()
    let errors = agerrors()
    guard status == 0, errors == 0 else {
      let text = reportedMessages.withLock { $0 }
      let lines = text.split(whereSeparator: \.isNewline)
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
      throw GraphvizError.graphviz(
        lines.isEmpty ? "\(what) failed (status \(status))" : lines.joined(separator: "\n"))
    }
    return result
  }

  /// Devices left out: `gtk`, `x11` and `xlib` open a window (and fail without a display, or
  /// wait for it to close); `vrml` writes one PNG file per node into the working directory;
  /// Graphviz 2.42's `vdx` crashes on any `tooltip`; `gd`, `gd2` and `ico` write nothing,
  /// and `ismap` nothing for a graph without URLs.
  private static let excludedDevices: Set<Substring> = [
    "gd", "gd2", "gtk", "ico", "ismap", "vdx", "vrml", "x11", "xlib",
  ]

  /// The device plugins that render into memory, as `gvPluginList` names them (2.42 names the
  /// formats alone; other versions may add `:plugin`), listed once per context.
  private static func deviceList(_ context: Context) -> [String] {
    if let devices = context.devices { return devices }
    let devices = listDevices(context)
    context.devices = devices
    return devices
  }

  /// Asks Graphviz for the device plugins. `gvPluginList` returns a malloc'd array of
  /// strdup'd names, which are freed here.
  private static func listDevices(_ context: Context) -> [String] {
    var count: Int32 = 0
    guard let list = gradviz_plugin_list(context.pointer, "device", &count) else { return [] }
    defer { free(list) }
    var names: [String] = []
    for index in 0..<Int(max(count, 0)) {
      guard let entry = list[index] else { continue }
      names.append(String(cString: entry))
      free(entry)
    }
    return names.filter { name in
      !excludedDevices.contains(name.prefix { $0 != ":" })
    }
  }

  /// Device names without their `:plugin` suffixes, deduplicated and sorted.
  private static func formatNames(_ devices: [String]) -> [String] {
    let names = devices.compactMap { device in
      device.split(separator: ":", maxSplits: 1).first.map(String.init)
    }
    return Set(names).sorted()
  }

  // MARK: - Threads

  /// A closure to run on another thread, and its result.
  private final class Job<R>: Runnable, @unchecked Sendable {
    var body: (() throws -> R)?
    var result: Result<R, any Error>?
    init(_ body: @escaping () throws -> R) { self.body = body }

    func run() {
      if let body { result = Result { try body() } }
      body = nil
    }
  }

  /// Work that a new thread runs.
  private protocol Runnable: AnyObject { func run() }

  /// Runs `body` on a new thread with a ``stackSize`` stack and waits for it to end.
  ///
  /// The wait is `pthread_join` on a thread that was created, never a wait on work that may
  /// not have started. When no thread can be created (a low process limit, or no address
  /// space for the stack), `body` runs on the main thread, whose 8 MB stack `dot` is fine
  /// with; on any other thread that is an error.
  ///
  /// - Throws: ``GraphvizError/graphviz(_:)`` when no thread can be created off the main
  ///   thread; whatever `body` throws.
  private static func onLargeStack<R>(_ body: () throws -> R) throws -> R {
    try withoutActuallyEscaping(body) { escapable in
      let job = Job(escapable)
      var attributes = pthread_attr_t()
      pthread_attr_init(&attributes)
      defer { pthread_attr_destroy(&attributes) }
      pthread_attr_setstacksize(&attributes, stackSize)
      var thread = pthread_t()
      let context = Unmanaged.passRetained(job as AnyObject).toOpaque()
      let created = pthread_create(
        &thread, &attributes,
        { raw in
          guard let raw else { return nil }
          let job = Unmanaged<AnyObject>.fromOpaque(raw).takeRetainedValue()
          (job as? any Runnable)?.run()
          return nil
        }, context)
      guard created == 0 else {
        Unmanaged<AnyObject>.fromOpaque(context).release()
        guard Thread.isMainThread else {
          throw GraphvizError.graphviz(
            "cannot start a thread for Graphviz: \(String(cString: strerror(created)))")
        }
        return try escapable()
      }
      pthread_join(thread, nil)
      guard let result = job.result else {
        throw GraphvizError.graphviz("the Graphviz thread stopped")
      }
      return try result.get()
    }
  }

  // MARK: - Graphs

  /// A cgraph graph under construction; only valid inside the operation that made it.
  package struct Graph {
    /// What an attribute belongs to.
    package enum Kind {
      case graph, node, edge

      var code: Int32 {
        switch self {
        case .graph: Int32(AGRAPH)
        case .node: Int32(AGNODE)
        case .edge: Int32(AGEDGE)
        }
      }
    }

    /// A declared attribute.
    package struct Attribute {
      fileprivate let symbol: UnsafeMutablePointer<Agsym_t>
    }

    /// A node of the graph.
    package struct Node {
      fileprivate let pointer: UnsafeMutablePointer<Agnode_t>
    }

    /// An edge of the graph.
    package struct Edge {
      fileprivate let pointer: UnsafeMutablePointer<Agedge_t>
    }

    /// A subgraph (a cluster when its name starts with `cluster`).
    package struct Subgraph {
      fileprivate let pointer: UnsafeMutablePointer<Agraph_t>
    }

    /// The cgraph graph.
    fileprivate let graph: UnsafeMutablePointer<Agraph_t>
    /// A reusable mutable copy of the string being passed to cgraph.
    private var scratch: [CChar] = []

    fileprivate init(_ graph: UnsafeMutablePointer<Agraph_t>) { self.graph = graph }

    /// Declares an attribute with its default (`agattr`); for the graph, the value itself.
    package mutating func declare(_ kind: Kind, _ name: String, default value: String) throws
      -> Attribute
    {
      var mutableName = Array(name.utf8CString)
      var mutableValue = Array(value.utf8CString)
      let symbol = mutableName.withUnsafeMutableBufferPointer { name in
        mutableValue.withUnsafeMutableBufferPointer { value in
          agattr(graph, kind.code, name.baseAddress, value.baseAddress)
        }
      }
      guard let symbol else { throw GraphvizError.graphviz("cannot declare attribute \(name)") }
      return Attribute(symbol: symbol)
    }

    /// Adds a node with a unique `name`.
    package mutating func addNode(named name: String) throws -> Node {
      let graph = self.graph
      let node = withScratchCopy(of: name) { agnode(graph, $0, 1) }
      guard let node else { throw GraphvizError.graphviz("cannot add node \(name)") }
      return Node(pointer: node)
    }

    /// Sets a node attribute (`agxset`).
    package mutating func set(_ attribute: Attribute, to value: String, on node: Node) throws {
      let status = withScratchCopy(of: value) { agxset(node.pointer, attribute.symbol, $0) }
      guard status == 0 else { throw GraphvizError.graphviz("cannot set an attribute") }
    }

    /// Sets a node attribute to an HTML-like label (`<...>` in DOT), such as a table.
    ///
    /// - Parameter html: the label's markup without the outer angle brackets.
    package mutating func set(_ attribute: Attribute, toHTML html: String, on node: Node) throws {
      let graph = self.graph
      let status = withScratchCopy(of: html) { text -> Int32 in
        guard let shared = agstrdup_html(graph, text) else { return -1 }
        defer { gradviz_free_html_string(graph, shared) }
        return agxset(node.pointer, attribute.symbol, shared)
      }
      guard status == 0 else { throw GraphvizError.graphviz("cannot set an HTML label") }
    }

    /// Sets an edge attribute (`agxset`).
    package mutating func set(_ attribute: Attribute, to value: String, on edge: Edge) throws {
      let status = withScratchCopy(of: value) { agxset(edge.pointer, attribute.symbol, $0) }
      guard status == 0 else { throw GraphvizError.graphviz("cannot set an edge attribute") }
    }

    /// Sets a graph attribute of a subgraph (`agxset`), such as a cluster's `label`.
    package mutating func set(_ attribute: Attribute, to value: String, on subgraph: Subgraph)
      throws
    {
      let status = withScratchCopy(of: value) { agxset(subgraph.pointer, attribute.symbol, $0) }
      guard status == 0 else { throw GraphvizError.graphviz("cannot set a subgraph attribute") }
    }

    /// Adds a subgraph with a unique `name` to the graph or to `parent`.
    package mutating func addSubgraph(named name: String, in parent: Subgraph? = nil) throws
      -> Subgraph
    {
      let owner = parent?.pointer ?? graph
      let subgraph = withScratchCopy(of: name) { agsubg(owner, $0, 1) }
      guard let subgraph else { throw GraphvizError.graphviz("cannot add subgraph \(name)") }
      return Subgraph(pointer: subgraph)
    }

    /// Adds a node with a unique `name` to the graph and to `subgraph` (and its parents).
    package mutating func addNode(named name: String, in subgraph: Subgraph?) throws -> Node {
      let node = try addNode(named: name)
      if let subgraph {
        guard agsubnode(subgraph.pointer, node.pointer, 1) != nil else {
          throw GraphvizError.graphviz("cannot add node \(name) to a subgraph")
        }
      }
      return node
    }

    /// Adds an edge; several edges between the same nodes stay separate.
    @discardableResult
    package mutating func addEdge(from tail: Node, to head: Node) throws -> Edge {
      guard let edge = agedge(graph, tail.pointer, head.pointer, nil, 1) else {
        throw GraphvizError.graphviz("cannot add an edge")
      }
      return Edge(pointer: edge)
    }

    /// Calls `body` with a mutable NUL-terminated copy of `text`, which cgraph copies.
    private mutating func withScratchCopy<R>(
      of text: String, _ body: (UnsafeMutablePointer<CChar>?) -> R
    ) -> R {
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: text.utf8CString)
      return scratch.withUnsafeMutableBufferPointer { body($0.baseAddress) }
    }
  }

  /// Opens a directed graph, lets `build` fill it, runs `use` on it and closes it.
  private static func withGraph<R>(
    named name: String, build: (inout Graph) throws -> Void, use: (Graph) throws -> R
  ) throws -> R {
    var mutableName = Array(name.utf8CString)
    let opened = try step("opening a graph") {
      let graph = mutableName.withUnsafeMutableBufferPointer {
        agopen($0.baseAddress, gradviz_directed(), gradviz_discipline())
      }
      return (graph == nil ? -1 : 0, graph)
    }
    guard let opened else { throw GraphvizError.graphviz("cannot open a graph") }
    defer { agclose(opened) }
    var graph = Graph(opened)
    try step("building the graph") { (0, try build(&graph)) }
    return try use(graph)
  }
}
