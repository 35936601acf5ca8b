"""Runs a script or notebook with plain python3 the way `gradviz run` runs it, for comparison.

    python3 reference_run.py FILE

What it shares with gradviz is only the contract, not the code:
- `random` is seeded with 0 before anything runs, and numpy's global generator too (gradviz
  seeds both, so that an unseeded script draws the same numbers on every run);
- matplotlib draws with Agg (no window);
- a script (.py, .mg) runs as `python3 FILE` runs it, with the names gradviz gives every
  script without an import (`Value`, `draw_dot`, micrograd's `Neuron`, `Layer`, `MLP`) as
  built-ins that the script's own definitions shadow: `Value` is `reference_value.Value` (the
  lecture's Value, complete), draw_dot draws nothing, the classes are pip micrograd 0.1.0's;
- a notebook's code cells run in order in one namespace, IPython magic and shell lines
  skipped, each cell's last bare expression printed as its repr unless it is None, a picture
  (an object with `_repr_mimebundle_`/`_repr_svg_`/`_repr_png_`) or the cell ends with `;`.
  A cell that raises is reported and the next cells still run; the status is then 1.

Errors go to stderr, one line each: `FILE:LINE: error: MESSAGE` for a script and
`FILE cell N:LINE: error: MESSAGE` for a notebook cell, MESSAGE as the last line of Python's
traceback (`NameError: name 'x' is not defined`).
"""

import ast
import builtins
import io
import json
import os
import random
import sys
import tokenize
import traceback

here = os.path.dirname(os.path.abspath(__file__))


def main():
    path = sys.argv[1]
    display = os.path.basename(path) if len(sys.argv) < 3 else sys.argv[2]
    os.environ["MPLBACKEND"] = "Agg"
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    random.seed(0)
    try:
        import numpy

        numpy.random.seed(0)
    except ImportError:
        pass
    with open(path, encoding="utf-8") as file:
        text = file.read()
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    if path.endswith(".ipynb"):
        status = run_notebook(text, display, namespace)
    else:
        install_builtins()
        namespace["__file__"] = display
        status = run_code(text, display, namespace, show=False)
    sys.stdout.flush()
    sys.exit(status)


def install_builtins():
    sys.path.insert(1, here)
    import reference_value
    from micrograd import nn

    sys.path.remove(here)
    del sys.modules["reference_value"]
    for name in ("micrograd", "micrograd.engine", "micrograd.nn"):
        sys.modules.pop(name, None)
    builtins.Value = reference_value.Value
    builtins.draw_dot = lambda root, *args, **kwargs: None
    builtins.Neuron, builtins.Layer, builtins.MLP = nn.Neuron, nn.Layer, nn.MLP


def magic_free(source):
    lines = source.split("\n")
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.startswith("%%"):
        return ""
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith(("%", "!")):
            lines[index] = line[: len(line) - len(stripped)] + "pass"
    return "\n".join(lines)


def hides_result(source):
    tokens = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT,
                                  tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER):
                tokens.append(token)
    except (tokenize.TokenError, SyntaxError):
        return False
    return bool(tokens) and tokens[-1].string == ";"


def run_notebook(text, display, namespace):
    status = 0
    cells = [c for c in json.loads(text)["cells"] if c.get("cell_type") == "code"]
    for number, cell in enumerate(cells, start=1):
        source = cell["source"]
        source = "".join(source) if isinstance(source, list) else source
        source = magic_free(source)
        show = not hides_result(source)
        if run_code(source, f"{display} cell {number}", namespace, show) != 0:
            status = 1
    return status


def run_code(source, name, namespace, show):
    try:
        tree = ast.parse(source, filename=name)
    except SyntaxError as error:
        report(name, error.lineno or 1, error)
        return 1
    last = None
    if show and tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    try:
        exec(compile(tree, name, "exec"), namespace)
        if last is not None:
            value = eval(compile(last, name, "eval"), namespace)
            if value is not None and not is_picture(value):
                print(repr(value))
    except SystemExit as error:
        if error.code not in (None, 0):
            return error.code if isinstance(error.code, int) else 1
    except BaseException as error:
        # Where the error is shown: the innermost frame of the script's own code (any cell,
        # or a module beside the script), not of Python's library or an installed package.
        frames = [f for f in traceback.extract_tb(error.__traceback__) if is_own(f.filename)]
        frame = frames[-1] if frames else None
        report(frame.filename if frame else name, frame.lineno if frame else 1, error)
        return 1
    return 0


def is_own(filename):
    if filename.startswith("<frozen") or filename == __file__:
        return False
    if filename.startswith("<") or not os.path.isabs(filename) and not os.path.exists(filename):
        return True
    path = os.path.abspath(filename)
    if "site-packages" in path or "dist-packages" in path:
        return False
    prefixes = {sys.prefix, sys.base_prefix, "/usr/lib/python3"}
    return not any(path.startswith(os.path.join(p, "")) for p in prefixes if p)


def is_picture(value):
    kind = type(value)
    return not isinstance(value, type) and any(
        hasattr(kind, n) for n in ("_repr_mimebundle_", "_repr_svg_", "_repr_png_", "_repr_jpeg_"))


def report(name, line, error):
    message = traceback.format_exception_only(type(error), error)[-1].strip()
    sys.stdout.flush()
    print(f"{name}:{line}: error: {message}", file=sys.stderr)


if __name__ == "__main__":
    main()
