/// The methods of strings that scripts can call.
enum StringMethod: String, CaseIterable {
  case format, join, split, strip, lstrip, rstrip, upper, lower, replace, startswith, endswith
  case ljust, rjust, center, count, find, zfill, title, capitalize, isdigit, isalpha
}
