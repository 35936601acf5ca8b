/// The pixel budget of raster pictures.
extension PictureSize {
  /// The most pixels a raster picture may have: 64 million, 256 MB as the 32-bit pixels
  /// cairo draws into. Beyond it Graphviz 2.42's raster plugins allocate gigabytes and crash,
  /// or write an empty file.
  public static let pixelBudget = 64_000_000

  /// The longest side of a raster picture, in pixels: cairo's own limit for an image.
  public static let maxPixelSide = 32_767

  /// The formats Graphviz draws as pixels (cairo or gd): the ones the budget bounds.
  package static let rasterFormats: Set<String> = [
    "png", "jpg", "jpeg", "jpe", "gif", "bmp", "ico", "tif", "tiff", "webp", "tga", "pict",
    "sgi", "exr", "jp2", "pct", "psd", "wbmp", "gd", "gd2",
  ]

  /// The size in pixels of the picture Graphviz renders from a laid-out graph, as its
  /// `emit.c` computes it: the bounding box, scaled down to `size` when it is larger (or up
  /// to it with `!`), plus the 4-point pad on each side, at `dpi` dots per inch.
  ///
  /// - Parameters:
  ///   - boundingBox: the width and height of the layout's `bb`, in points.
  ///   - size: the graph's `size` attribute, or `nil`.
  ///   - dpi: the resolution, pixels per inch.
  /// - Returns: the width and height in pixels, rounded up.
  /// - Complexity: O(1).
  package static func pixels(
    boundingBox: (width: Double, height: Double), size: PictureSize?, dpi: Double
  ) -> (width: Double, height: Double) {
    var zoom = 1.0
    if let size, boundingBox.width > 0, boundingBox.height > 0 {
      let limit = (width: size.width * 72, height: (size.height ?? size.width) * 72)
      if size.fill || boundingBox.width > limit.width || boundingBox.height > limit.height {
        zoom = min(limit.width / boundingBox.width, limit.height / boundingBox.height)
      }
    }
    let pad = 4.0
    let width = ((boundingBox.width * zoom + 2 * pad) * dpi / 72).rounded(.up)
    let height = ((boundingBox.height * zoom + 2 * pad) * dpi / 72).rounded(.up)
    return (width, height)
  }

  /// Fails when a raster picture of `pixels` would be over the budget.
  ///
  /// - Throws: ``GraphvizError/pictureTooLarge(width:height:limit:)``.
  package static func checkBudget(_ pixels: (width: Double, height: Double)) throws {
    let side = Double(maxPixelSide)
    guard pixels.width.isFinite, pixels.height.isFinite, pixels.width <= side,
      pixels.height <= side, pixels.width * pixels.height <= Double(pixelBudget)
    else {
      let clamp = { (x: Double) in x.isFinite && x < 1e15 ? Int(x) : Int(1e15) }
      throw GraphvizError.pictureTooLarge(
        width: clamp(pixels.width), height: clamp(pixels.height), limit: pixelBudget)
    }
  }
}
