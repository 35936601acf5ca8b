"""Runs a script as `python3 FILE` would, one top-level statement at a time.

Running statement by statement lets gradviz note where each draw_dot call was (a picture per
call), wrap a draw_dot the script defines itself, and seed numpy when the script imports it.
Errors become a diagnostic dict: the innermost frame of the script's own code, located from
the traceback's 3.11 positions (co_positions), and one note per calling frame.

`execute(source, filename, where=...)` runs one piece of code (a script, or a notebook cell)
in the current run's namespace; the notebook runner calls it per cell.
"""
import ast
import builtins as _builtins
import functools
import gc
import io
import linecache
import os
import random
import signal
import sys
import types

import _gradviz

from _gradviz_host import figures, finder, nudge

_current = None


class Run:
    """One run of a script: its namespace and what it left for gradviz to draw."""

    def __init__(self, display, directory, seed, pictures_dir=None):
        self.display = display
        # The folder `render --all` writes into (matplotlib figures go there too), or None.
        self.pictures_dir = pictures_dir
        self.directory = directory
        self.seed = seed
        self.where = "line 1"
        # Set while a notebook cell runs ('cell 12'): pictures are named by cell.
        self.cell_where = None
        self.last_bound = None
        self.last_drawn = None
        self.named = []
        self.numpy_seeded = False
        self.known_modules = set(sys.modules)
        self.module = types.ModuleType("__main__")
        self.namespace = self.module.__dict__
        names = dict(_builtins.__dict__)
        try:
            from _gradviz_host import builtins as gradviz_builtins
            names.update(gradviz_builtins.names())
        except ImportError:
            pass
        self.namespace["__builtins__"] = names
        if directory is not None:
            self.namespace["__file__"] = display
        self.future_flags = 0
        # Set for a re-run with a leaf nudged (nudge.Nudging): draw_dot records no picture.
        self.nudging = None


def current():
    """The run in progress."""
    return _current


def current_where():
    """Where the code now running is: 'cell 12' in a notebook, else the line of the script
    that is running now, as 'line 40' (the innermost frame of the script's own file)."""
    if _current is None:
        return "line 1"
    if _current.cell_where is not None:
        return _current.cell_where
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == _current.display:
            return f"line {frame.f_lineno}"
        frame = frame.f_back
    return _current.where


def picture(root):
    """Records a picture of root for the draw_dot call now running."""
    if _current is not None:
        _current.last_drawn = root
        if _current.nudging is not None:
            _current.nudging.drawn(root)
            return
    _gradviz.record_picture(root, current_where())


def _is_value_like(x):
    return isinstance(x, (_gradviz.Value, _gradviz.MicrogradValue)) or (
        hasattr(type(x), "__mro__") and hasattr(x, "data") and (hasattr(x, "_prev") or hasattr(x, "_children"))
        and not isinstance(x, type))


def _wrap_draw_dot(function):
    @functools.wraps(function)
    def draw_dot(root, *args, **kwargs):
        try:
            picture(root)
        except TypeError as error:
            _gradviz.note(f"draw_dot: no picture: {error}")
        return function(root, *args, **kwargs)

    draw_dot.__gradviz_wrapped__ = True
    return draw_dot


def _target_names(target):
    """The names bound by an assignment target: `x`, `x, y`, `[x, *rest]`; not `x.label`
    or `xs[0]`, which bind no name."""
    if isinstance(target, ast.Name):
        return [(target.lineno, target.col_offset, target.id)]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for element in target.elts for n in _target_names(element)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def _assigned_names(statement):
    """The names a top-level statement assigns at the top level, in source order: targets of
    assignments, also inside if/for/while/with/try blocks, but not inside functions or
    classes. A for loop's own target (`for p in n.parameters():`) is left out: it walks
    values made before, so the last one it visits is neither the root nor that value's name."""
    names = []
    stack = [statement]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Assign):
            for target in node.targets:
                names += _target_names(target)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            names += _target_names(node.target)
        elif isinstance(node, ast.NamedExpr):
            names.append((node.target.lineno, node.target.col_offset, node.target.id))
        stack.extend(ast.iter_child_nodes(node))
    names.sort()
    return [name for _, _, name in names]


def _after_statement(run, statement):
    ns = run.namespace
    targets = _assigned_names(statement)
    for name in targets:
        value = ns.get(name)
        if _is_value_like(value):
            run.last_bound = value
            if isinstance(value, (_gradviz.Value, _gradviz.MicrogradValue)) and not value.label:
                run.named.append((value, name))
    draw = ns.get("draw_dot")
    if callable(draw) and not getattr(draw, "__gradviz_wrapped__", False):
        from _gradviz_host import builtins as gradviz_builtins
        if draw is not gradviz_builtins.draw_dot:
            ns["draw_dot"] = _wrap_draw_dot(draw)
    figures.watch(run.where)
    if not run.numpy_seeded and "numpy" in sys.modules:
        _seed_numpy(run)
    for name in ("micrograd",):
        if name in sys.modules and name not in run.known_modules:
            run.known_modules.add(name)
            module = sys.modules[name]
            if finder.is_embedded(module):
                _gradviz.note("micrograd: gradviz's own (micrograd 0.1.0's engine and nn on gradviz's Value)")
            else:
                _gradviz.note(f"micrograd: {getattr(module, '__file__', None) or name}")


def _seed_numpy(run):
    run.numpy_seeded = True
    try:
        sys.modules["numpy"].random.seed(run.seed)
    except Exception:
        pass


def execute(source, filename, where=None, first_line=1, show=None):
    """Runs `source` in the current run's namespace, statement by statement.

    With `show` (a notebook cell), a last statement that is a bare expression is evaluated
    and its value passed to `show`, as Jupyter shows a cell's result.

    Returns None, or a diagnostic dict for the exception that stopped it (the statements
    before it keep their effects). KeyboardInterrupt and the timeout are reported as such;
    SystemExit is returned as {"exit": status}.
    """
    run = _current
    run.cell_where = where
    lines = source.splitlines(True)
    linecache.cache[filename] = (len(source), None, lines, filename)
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as error:
        return _syntax_diagnostic(error, filename, source)
    if first_line != 1:
        ast.increment_lineno(tree, first_line - 1)
    last = tree.body[-1] if tree.body else None
    for statement in tree.body:
        run.where = where or f"line {statement.lineno}"
        _gradviz._set_statement(statement.lineno)
        try:
            code = compile(ast.Module(body=[statement], type_ignores=[]), filename, "exec",
                           flags=run.future_flags, dont_inherit=True)
            if isinstance(statement, ast.ImportFrom) and statement.module == "__future__":
                import __future__
                for alias in statement.names:
                    feature = getattr(__future__, alias.name, None)
                    if feature is not None:
                        run.future_flags |= feature.compiler_flag
            if show is not None and statement is last and isinstance(statement, ast.Expr):
                expression = compile(ast.Expression(body=statement.value), filename, "eval",
                                     flags=run.future_flags, dont_inherit=True)
                value = eval(expression, run.namespace)
                _after_statement(run, statement)
                show(value)
            else:
                exec(code, run.namespace)
                _after_statement(run, statement)
        except SystemExit as error:
            return _exit(error)
        except nudge.Stop:
            raise
        except BaseException as error:
            return _diagnostic(error, filename)
    return None


def _exit(error):
    code = error.code
    if code is None:
        return {"exit": 0}
    if isinstance(code, int):
        return {"exit": code}
    print(code, file=sys.stderr)
    return {"exit": 1}


def _column(text, byte_offset):
    """The 1-based column, in characters, of a UTF-8 byte offset into text."""
    if byte_offset is None:
        return 1
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", "replace")) + 1


def _message(error):
    import traceback
    lines = traceback.format_exception_only(type(error), error)
    text = lines[-1].strip() if lines else type(error).__name__
    return text


def _syntax_diagnostic(error, filename, source):
    line = error.lineno or 1
    text = error.text
    if text is None:
        text = linecache.getline(error.filename or filename, line)
    text = text.rstrip("\r\n")
    column = error.offset or 1
    length = 1
    if error.end_offset and (error.end_lineno in (None, error.lineno)) and error.end_offset > column:
        length = error.end_offset - column
    return {
        "file": error.filename or filename, "line": line, "column": max(column, 1), "length": length,
        "message": f"{type(error).__name__}: {error.msg}", "source_line": text, "notes": [],
    }


def _is_user_file(name):
    if name.startswith(finder.PREFIX) or name.startswith("<frozen"):
        return False
    if _current is not None and name == _current.display:
        return True
    if name.startswith("<"):
        return True
    path = os.path.abspath(name)
    for root in {sys.prefix, sys.base_prefix, "/usr/lib/python3", "/usr/local/lib/python3"}:
        if root and path.startswith(os.path.join(root, "")) and "site-packages" not in path:
            return False
    return "dist-packages" not in path and "site-packages" not in path or (
        _current is not None and _current.directory and path.startswith(os.path.abspath(_current.directory)))


def _diagnostic(error, filename):
    if isinstance(error, KeyboardInterrupt):
        message, status = "interrupted (Ctrl-C)", 130
    elif isinstance(error, _gradviz.ScriptTimeout):
        message, status = str(error) or getattr(_gradviz.ScriptTimeout, "message", "timeout"), 1
    else:
        message, status = _message(error), 1
    import traceback
    # Ctrl-C and the timeout stop the whole run (a notebook's later cells too).
    stop = isinstance(error, (KeyboardInterrupt, _gradviz.ScriptTimeout))
    frames = [f for f in traceback.extract_tb(error.__traceback__) if not f.filename.startswith(finder.PREFIX + "_gradviz_host/")]
    user = [i for i, f in enumerate(frames) if _is_user_file(f.filename)]
    if not frames:
        return {"file": filename, "line": 1, "column": 1, "length": 1, "message": message,
                "source_line": linecache.getline(filename, 1).rstrip("\r\n"), "notes": [], "status": status, "stop": stop}
    primary = user[-1] if user else len(frames) - 1
    frame = frames[primary]
    text = (frame.line if frame.line is not None else "")
    raw = linecache.getline(frame.filename, frame.lineno).rstrip("\r\n") or text
    column = _column(raw, frame.colno)
    length = 1
    if frame.end_colno is not None and frame.end_lineno in (None, frame.lineno):
        length = max(1, _column(raw, frame.end_colno) - column)
    elif frame.colno is not None:
        length = max(1, len(raw) - column + 1)
    notes = []
    for index in range(primary, 0, -1):
        callee, caller = frames[index], frames[index - 1]
        caller_text = linecache.getline(caller.filename, caller.lineno).rstrip("\r\n")
        notes.append(f"in {callee.name}(), called at {caller.filename}:{caller.lineno}:{_column(caller_text, caller.colno)}")
    if user and primary != len(frames) - 1:
        inner = frames[-1]
        notes.insert(0, f"raised in {inner.name}() at {inner.filename}:{inner.lineno}")
    return {"file": frame.filename, "line": frame.lineno, "column": column, "length": length,
            "message": message, "source_line": raw, "notes": notes, "status": status, "stop": stop}


def run(display, source, directory, seed, output, kind="script", pictures_dir=None, arguments=(),
        nudging=None):
    """Runs a whole script (or, with kind='notebook', a notebook's JSON text) in a fresh
    namespace as `python3 FILE` would, and returns what gradviz needs from it:
    {"error": diagnostic or None, "exit": status, "root": object or None, "named": [(value, name)],
     "output": the captured text when output == 'capture'}.

    With `nudging` (a nudge.Nudging), a re-run: draw_dot records no picture, the leaf it names
    is nudged where it is made, the run stops once the root's data is known, and that data is
    left on the nudging.
    """
    global _current
    saved_argv = sys.argv
    saved_path = list(sys.path)
    saved_main = sys.modules.get("__main__")
    saved_stdout = sys.stdout
    run = Run(display, directory, seed, pictures_dir)
    _current = run
    sink = None
    if output == "stderr":
        sys.stdout = sys.stderr
    elif output == "discard":
        sink = sys.stdout = open(os.devnull, "w")
    elif output == "capture":
        sink = sys.stdout = io.StringIO()
    saved_stderr = sys.stderr
    if nudging is not None and sink is not None:
        sys.stderr = sink  # a re-run shows nothing
    sys.argv = [display] + list(arguments)
    sys.path.insert(0, directory if directory is not None else "")
    sys.modules["__main__"] = run.module
    random.seed(seed)
    if "numpy" in sys.modules:
        _seed_numpy(run)
    figures.install()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    result = {"error": None, "exit": 0, "root": None, "named": [], "output": None}
    if nudging is not None:
        run.nudging = nudging
        nudging.install(run.namespace["__builtins__"])
    try:
        if kind == "notebook":
            from _gradviz_host import notebook
            outcome = notebook.run(source, display)
        else:
            outcome = execute(source, display)
            if outcome is None:
                figures.flush()
        if outcome is not None:
            if "exit" in outcome and "message" not in outcome:
                result["exit"] = outcome["exit"]
            else:
                result["error"] = outcome
                result["exit"] = outcome.get("status", 1)
    except nudge.Stop:
        pass
    except KeyboardInterrupt:
        result["error"] = {"file": display, "line": 1, "column": 1, "length": 1,
                           "message": "interrupted (Ctrl-C)", "source_line": "", "notes": [], "status": 130}
        result["exit"] = 130
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:
            pass
        if output == "capture":
            result["output"] = sink.getvalue()
        elif sink is not None:
            sink.close()
        sys.stdout = saved_stdout
        sys.stderr = saved_stderr
        sys.argv = saved_argv
        sys.path[:] = saved_path
        if saved_main is not None:
            sys.modules["__main__"] = saved_main
        _forget_modules(run)
        result["root"] = run.last_drawn if run.last_drawn is not None else run.last_bound
        result["named"] = run.named
        if nudging is not None:
            try:
                if not nudging.found and nudging.picture is None and result["root"] is not None:
                    nudging.take(result["root"])
            except Exception:
                pass
            finally:
                nudging.uninstall()
            result["root"] = None
            result["named"] = []
        run.namespace.clear()
        run.last_drawn = run.last_bound = None
        run.named = []
        _current = None
        # Classes and cycles the script made go now, as at the end of a `python3` process.
        gc.collect()
    return result


def _forget_modules(run):
    """Forgets the modules imported from the script's folder, so the next run imports them
    afresh as a new `python3` process would."""
    if not run.directory and run.directory != "":
        return
    folder = os.path.abspath(run.directory or ".")
    for name in [n for n in sys.modules if n not in run.known_modules]:
        module = sys.modules.get(name)
        path = getattr(module, "__file__", None) or ""
        if path and os.path.abspath(path).startswith(os.path.join(folder, "")):
            del sys.modules[name]
