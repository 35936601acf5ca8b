"""Running a Jupyter notebook (``.ipynb``, read as JSON) as Jupyter runs it.

Code cells run in order in one namespace. A cell that raises is reported (its number, line
and caret) and the next cells still run; the run then ends with status 1. IPython's magics
(``%matplotlib inline``, ``%%time``) and shell lines (``!pip install ...``) are not Python:
they are skipped, with one note for the whole notebook. A cell's last bare expression is
shown as Jupyter shows it: its ``repr`` on standard output, nothing when it is ``None`` or
the cell ends with ``;``, and no text for an object Jupyter shows as a picture (a graphviz
graph, which the ``draw_dot`` call that made it has already recorded). Open matplotlib
figures are taken at the end of every cell, as Jupyter's inline backend takes them.

Cells are numbered 1, 2, ... in the order of the notebook's code cells (markdown cells are
not counted); a cell's code is named ``NOTEBOOK cell N`` in errors and tracebacks, and its
pictures ``cell N``.
"""

import io
import json
import tokenize

import _gradviz

from _gradviz_host import figures, runner

__all__ = ["cells", "strip_magics", "shown_text", "run"]


class NotebookError(ValueError):
    """The file is not a notebook gradviz can read: not JSON, or no ``cells`` list."""


def cells(text):
    """The code cells of a notebook's JSON ``text``, as a list of source strings.

    Raises:
        NotebookError: ``text`` is not JSON, or has no list of cells (nbformat 4).
    """
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(
            f"not a notebook: JSON error at line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    found = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(found, list):
        raise NotebookError("not a notebook: no list of 'cells' (nbformat 4 is read)")
    sources = []
    for cell in found:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(str(part) for part in source)
        sources.append(str(source))
    return sources


def strip_magics(source):
    """``source`` with IPython's magic and shell lines blanked, and the lines taken out.

    A line whose first non-blank character is ``%`` or ``!`` becomes ``pass`` at the same
    indentation (so a block stays a block and line numbers stay the same); a cell that starts
    with a cell magic (``%%``) is taken out whole. Lines inside a string that spans several
    lines are left alone.

    Returns: ``(python_source, [(line, text), ...])`` with 1-based line numbers.
    """
    lines = source.split("\n")
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.startswith("%%"):
        return "", [(1, first)]
    inside = _lines_inside_strings(source)
    skipped = []
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if index + 1 in inside or not stripped.startswith(("%", "!")):
            continue
        indent = line[: len(line) - len(stripped)]
        skipped.append((index + 1, stripped.rstrip()))
        lines[index] = indent + "pass"
    return "\n".join(lines), skipped


def _lines_inside_strings(source):
    """Line numbers that a multi-line string covers after its first line (best effort)."""
    inside = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.STRING and token.end[0] > token.start[0]:
                inside.update(range(token.start[0] + 1, token.end[0] + 1))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return inside


def _ends_with_semicolon(source):
    """Whether the cell's last token (comments aside) is ``;``, which hides its result."""
    last = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in (
                tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT, tokenize.INDENT,
                tokenize.DEDENT, tokenize.ENDMARKER,
            ):
                continue
            last = token
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return False
    return last is not None and last.type == tokenize.OP and last.string == ";"


def _is_picture(value):
    """Whether Jupyter shows ``value`` as an image rather than as text."""
    if isinstance(value, type):
        return False
    kind = type(value)
    return any(
        hasattr(kind, name)
        for name in ("_repr_mimebundle_", "_repr_svg_", "_repr_png_", "_repr_jpeg_")
    )


def shown_text(value):
    """What ``run`` prints for a cell's last bare expression: ``repr(value)``, or None."""
    if value is None or _is_picture(value):
        return None
    return repr(value)


def _show(value):
    text = shown_text(value)
    if text is not None:
        print(text)


def run(text, display):
    """Runs the notebook ``text`` (its JSON) in the current run's namespace.

    Returns None when every cell ran, else the diagnostic of the first cell that raised,
    with the later ones under ``"more"`` (each as ``runner.execute`` describes it).
    """
    try:
        sources = cells(text)
    except NotebookError as error:
        return {
            "file": display, "line": 1, "column": 1, "length": 1,
            "message": str(error), "source_line": text.split("\n", 1)[0], "notes": [],
            "status": 1,
        }
    errors = []
    skipped = []
    for number, source in enumerate(sources, start=1):
        python, taken_out = strip_magics(source)
        skipped += [(number, line, magic) for line, magic in taken_out]
        where = f"cell {number}"
        show = None if _ends_with_semicolon(python) else _show
        outcome = runner.execute(python, f"{display} cell {number}", where=where, show=show)
        if outcome is not None and outcome.get("stop"):  # Ctrl-C or --timeout: no more cells
            first = dict(errors[0] if errors else outcome)
            first["more"] = errors[1:] + [outcome] if errors else []
            return first
        figures.watch(where)
        figures.flush(where)
        if outcome is None:
            continue
        if "message" not in outcome:  # sys.exit(): Jupyter keeps going, so does gradviz
            continue
        errors.append(outcome)
    if skipped:
        number, line, magic = skipped[0]
        more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
        _gradviz.note(
            f"IPython lines skipped, not Python: cell {number} line {line}: {magic}{more}", 1
        )
    if not errors:
        return None
    first = dict(errors[0])
    first["more"] = errors[1:]
    return first
