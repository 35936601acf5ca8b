@main struct G { static func main() {} }
