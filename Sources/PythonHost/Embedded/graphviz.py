"""The part of the `graphviz` package that micrograd code uses, rendering in-process.

gradviz provides this module only when the real package (``pip install graphviz``) is not
installed: its finder sits at the end of ``sys.meta_path``, so an installed package wins.
The DOT text is the real package's (0.20/0.21), byte for byte: the same statements, the same
quoting (``quote``, ``quote_edge``), the same sorted attribute lists. Rendering (``pipe``,
``render``, the pictures Jupyter shows) goes through gradviz's own libgvc, so the ``dot``
program is not needed.
"""

import contextlib
import os
import re
import tempfile

import _gradviz

__all__ = [
    "Graph",
    "Digraph",
    "Source",
    "escape",
    "nohtml",
    "pipe",
    "render",
    "ExecutableNotFound",
    "CalledProcessError",
    "RequiredArgumentError",
    "ENGINES",
    "FORMATS",
]

ENGINES = {"dot", "neato", "twopi", "circo", "fdp", "sfdp", "patchwork", "osage"}
FORMATS = {"bmp", "dot", "gv", "jpeg", "jpg", "json", "pdf", "plain", "png", "ps", "svg", "xdot"}

DEFAULT_ENCODING = "utf-8"


class ExecutableNotFound(RuntimeError):
    """Raised by the real package when the ``dot`` program is missing (never here)."""


class CalledProcessError(RuntimeError):
    """Raised when rendering fails: Graphviz's own message."""


class RequiredArgumentError(TypeError):
    """Raised when a required argument (a format) is missing."""


# MARK: - Quoting, as graphviz/quoting.py

# https://www.graphviz.org/doc/info/lang.html
_HTML_STRING = re.compile(r"<.*>$", re.DOTALL)
_ID = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_KEYWORDS = {"node", "edge", "graph", "digraph", "subgraph", "strict"}
_QUOTE_WITH_OPTIONAL_BACKSLASHES = re.compile(
    r"(?P<escaped_backslashes>(?:\\{2})*)\\?(?P<literal_quote>\")"
)


class NoHtml(str):
    """A string that is quoted even when it looks like an HTML label (``<...>``)."""

    __slots__ = ()


def nohtml(s):
    """``s`` as a string that is never taken for an HTML-like label."""
    return NoHtml(s)


def escape(s):
    """``s`` with backslashes and ``<...>`` made literal, as the real package's ``escape``."""
    return nohtml(s.replace("\\", "\\\\"))


def _quote(identifier):
    """A DOT ID for ``identifier``: as is when it is a valid ID or an HTML label, else quoted."""
    if _HTML_STRING.match(identifier) and not isinstance(identifier, NoHtml):
        return identifier
    if not _ID.match(identifier) or identifier.lower() in _KEYWORDS:
        escaped = _QUOTE_WITH_OPTIONAL_BACKSLASHES.sub(
            r"\g<escaped_backslashes>\\\g<literal_quote>", identifier
        )
        return f'"{escaped}"'
    return identifier


def _quote_edge(identifier):
    """``node[:port[:compass]]`` with node and port quoted."""
    node, _, rest = identifier.partition(":")
    parts = [_quote(node)]
    if rest:
        port, _, compass = rest.partition(":")
        parts.append(_quote(port))
        if compass:
            parts.append(compass)
    return ":".join(parts)


def _mapping_items(mapping):
    # A plain dict is sorted, as the real package sorts it; other mappings keep their order.
    items = iter(mapping.items())
    if type(mapping) is dict:
        items = iter(sorted(items))
    return items


def _a_list(label=None, kwargs=None, attributes=None):
    result = [f"label={_quote(label)}"] if label is not None else []
    if kwargs:
        result += [f"{_quote(k)}={_quote(v)}" for k, v in _mapping_items(kwargs) if v is not None]
    if attributes:
        if hasattr(attributes, "items"):
            attributes = _mapping_items(attributes)
        result += [f"{_quote(k)}={_quote(v)}" for k, v in attributes if v is not None]
    return " ".join(result)


def _attr_list(label=None, kwargs=None, attributes=None):
    content = _a_list(label, kwargs=kwargs, attributes=attributes)
    return f" [{content}]" if content else ""


# MARK: - Rendering through gradviz


def _note(text):
    try:
        _gradviz.note(text)
    except Exception:
        pass


def _check_format(format):
    if format is None:
        raise RequiredArgumentError("format: (required) if format is None")
    if format.lower() not in FORMATS:
        raise ValueError(f"unknown format: {format!r}")
    return format.lower()


def _pipe_source(source, engine, format, encoding):
    format = _check_format(format)
    if engine is not None and engine != "dot":
        _note(f"graphviz: layout engine {engine!r} is not used; gradviz lays graphs out with dot")
    data = source.encode(DEFAULT_ENCODING) if isinstance(source, str) else bytes(source)
    try:
        out = _gradviz.render(data.decode(DEFAULT_ENCODING), format)
    except ValueError as error:
        raise CalledProcessError(str(error)) from None
    if encoding is not None:
        return out.decode(encoding)
    return out


def _write_atomically(path, data):
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".gradviz-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise


class _Rendering:
    """What Source, Graph and Digraph share: file names, save, pipe, render, Jupyter display."""

    _default_extension = "gv"
    directory = ""

    def _init_files(self, filename, directory, format, engine, encoding, renderer, formatter):
        if filename is None:
            filename = f"{type(self).__name__}.{self._default_extension}"
        self.filename = os.fspath(filename)
        if directory is not None:
            self.directory = os.fspath(directory)
        self.format = format
        self.engine = engine if engine is not None else "dot"
        self.encoding = encoding
        self.renderer = renderer
        self.formatter = formatter

    @property
    def filepath(self):
        """The path the DOT source is saved to: ``directory`` joined with ``filename``."""
        return os.path.join(self.directory, self.filename)

    def __str__(self):
        return self.source

    def save(self, filename=None, directory=None, *, skip_existing=False):
        """Writes the DOT source to ``filepath`` (with a final newline); returns that path."""
        if filename is not None:
            self.filename = os.fspath(filename)
        if directory is not None:
            self.directory = os.fspath(directory)
        filepath = self.filepath
        if skip_existing and os.path.exists(filepath):
            return filepath
        _write_atomically(filepath, self.source.encode(self.encoding or DEFAULT_ENCODING))
        return filepath

    def pipe(self, format=None, renderer=None, formatter=None, neato_no_op=None, quiet=False,
             *, engine=None, encoding=None):
        """The graph rendered in ``format`` (else the object's): bytes, or str with ``encoding``.

        Raises:
            RequiredArgumentError: no format given and the object has none.
            CalledProcessError: Graphviz could not read or lay out the DOT text.
        """
        format = format if format is not None else self.format
        return _pipe_source(self.source, engine or self.engine, format, encoding)

    def render(self, filename=None, directory=None, view=False, cleanup=False, format=None,
               renderer=None, formatter=None, neato_no_op=None, quiet=False, quiet_view=False,
               *, outfile=None, engine=None, raise_if_result_exists=False,
               overwrite_source=False):
        """Saves the source, renders it beside it as ``FILEPATH.FORMAT``; returns that path.

        ``view`` is ignored with a note: gradviz never opens a window.
        """
        if outfile is not None:
            outfile = os.fspath(outfile)
            if format is None:
                extension = os.path.splitext(outfile)[1].lstrip(".")
                format = extension or None
            if directory is None:
                outfile = os.path.join(self.directory, outfile)
            if filename is None:
                filename = os.path.splitext(outfile)[0] + "." + self._default_extension
                directory = ""
        format = format if format is not None else self.format
        format = _check_format(format if format is not None else "pdf")
        filepath = self.save(filename, directory=directory)
        if outfile is None:
            suffix = ".".join(a for a in (formatter, renderer, format) if a is not None)
            outfile = f"{filepath}.{suffix}"
        if raise_if_result_exists and os.path.exists(outfile):
            raise FileExistsError(f"output file exists: {outfile!r}")
        data = _pipe_source(self.source, engine or self.engine, format, None)
        _write_atomically(outfile, data)
        if cleanup:
            os.remove(filepath)
        if view or quiet_view:
            _note(f"graphviz: {outfile} written; gradviz does not open a viewer")
        return outfile

    def view(self, filename=None, directory=None, cleanup=False, quiet=False, quiet_view=False):
        """Renders as ``render`` does; no viewer is opened (a note says so)."""
        return self.render(filename, directory=directory, view=True, cleanup=cleanup,
                           quiet=quiet, quiet_view=quiet_view)

    def unflatten(self, *args, **kwargs):
        raise NotImplementedError(
            "unflatten needs the unflatten program, which gradviz does not run"
        )

    def _repr_mimebundle_(self, include=None, exclude=None, **_):
        include = set(include) if include is not None else {"image/svg+xml"}
        include -= set(exclude or [])
        bundle = {}
        if "image/svg+xml" in include:
            bundle["image/svg+xml"] = self._repr_image_svg_xml()
        if "image/png" in include:
            bundle["image/png"] = self._repr_image_png()
        if "image/jpeg" in include:
            bundle["image/jpeg"] = self.pipe(format="jpeg")
        return bundle

    def _repr_image_svg_xml(self):
        return self.pipe(format="svg", encoding="utf-8")

    def _repr_image_png(self):
        return self.pipe(format="png")

    def _repr_svg_(self):
        return self._repr_image_svg_xml()


# MARK: - Graphs


class _Dot(_Rendering):
    directed = False
    _keyword = "graph"
    _edge_op = "--"

    def __init__(self, name=None, comment=None, filename=None, directory=None, format=None,
                 engine=None, encoding=DEFAULT_ENCODING, graph_attr=None, node_attr=None,
                 edge_attr=None, body=None, strict=False, *, renderer=None, formatter=None):
        if filename is None and name is not None:
            filename = f"{name}.{self._default_extension}"
        self._init_files(filename, directory, format, engine, encoding, renderer, formatter)
        self.name = name
        self.comment = comment
        self.graph_attr = dict(graph_attr) if graph_attr is not None else {}
        self.node_attr = dict(node_attr) if node_attr is not None else {}
        self.edge_attr = dict(edge_attr) if edge_attr is not None else {}
        self.body = list(body) if body is not None else []
        self.strict = strict

    def __iter__(self, subgraph=False):
        """The DOT source line by line, each line ending with a newline."""
        if self.comment:
            yield f"// {self.comment}\n"
        name = _quote(self.name) + " " if self.name else ""
        if subgraph:
            if self.strict:
                raise ValueError("subgraphs cannot be strict")
            yield f"subgraph {name}{{\n" if self.name else f"{name}{{\n"
        else:
            head = f"{self._keyword} {name}{{\n"
            yield f"strict {head}" if self.strict else head
        for kw in ("graph", "node", "edge"):
            attrs = getattr(self, f"{kw}_attr")
            if attrs:
                yield f"\t{kw}{_attr_list(None, kwargs=attrs)}\n"
        yield from self.body
        yield "}\n"

    @property
    def source(self):
        """The DOT source text."""
        return "".join(self)

    def __repr__(self):
        return f"<graphviz.graphs.{type(self).__name__} object at {id(self):#x}>"

    def copy(self):
        """A new graph with the same attributes and body."""
        return type(self)(
            name=self.name, comment=self.comment, filename=self.filename,
            directory=self.directory or None, format=self.format, engine=self.engine,
            encoding=self.encoding, graph_attr=self.graph_attr, node_attr=self.node_attr,
            edge_attr=self.edge_attr, body=self.body, strict=self.strict,
            renderer=self.renderer, formatter=self.formatter)

    def clear(self, keep_attrs=False):
        """Empties the body (and the attribute mappings unless ``keep_attrs``)."""
        if not keep_attrs:
            for a in (self.graph_attr, self.node_attr, self.edge_attr):
                a.clear()
        self.body.clear()

    def node(self, name, label=None, _attributes=None, **attrs):
        """Adds a node statement: ``\\tNAME [label=... key=value ...]``."""
        line = f"\t{_quote(name)}{_attr_list(label, kwargs=attrs, attributes=_attributes)}\n"
        self.body.append(line)

    def edge(self, tail_name, head_name, label=None, _attributes=None, **attrs):
        """Adds an edge statement between ``node[:port[:compass]]`` names."""
        tail, head = _quote_edge(tail_name), _quote_edge(head_name)
        attr = _attr_list(label, kwargs=attrs, attributes=_attributes)
        self.body.append(f"\t{tail} {self._edge_op} {head}{attr}\n")

    def edges(self, tail_head_iter):
        """Adds one edge statement per ``(tail, head)`` pair."""
        self.body += [
            f"\t{_quote_edge(t)} {self._edge_op} {_quote_edge(h)}\n" for t, h in tail_head_iter
        ]

    def attr(self, kw=None, _attributes=None, **attrs):
        """Adds ``graph``, ``node`` or ``edge`` attributes (or ``key=value`` with no ``kw``)."""
        if kw is not None and kw.lower() not in ("graph", "node", "edge"):
            raise ValueError(f"attr statement must target graph, node, or edge: {kw!r}")
        if attrs or _attributes:
            if kw is None:
                self.body.append(f"\t{_a_list(None, kwargs=attrs, attributes=_attributes)}\n")
            else:
                attr_list = _attr_list(None, kwargs=attrs, attributes=_attributes)
                self.body.append(f"\t{kw}{attr_list}\n")

    def subgraph(self, graph=None, name=None, comment=None, graph_attr=None, node_attr=None,
                 edge_attr=None, body=None):
        """Adds ``graph`` as a subgraph, or with no graph a context manager for a new one.

        ``with g.subgraph(name='cluster_x') as c:`` gives a new graph ``c`` that is added to
        ``g`` when the block ends; a name starting with ``cluster`` makes a Graphviz cluster.
        """
        if graph is None:
            sub = type(self)(
                name=name, comment=comment, directory=self.directory or None,
                format=self.format, engine=self.engine, encoding=self.encoding,
                graph_attr=graph_attr, node_attr=node_attr, edge_attr=edge_attr, body=body,
                strict=None, renderer=self.renderer, formatter=self.formatter)
            return self._subgraph_context(sub)
        if not all(a is None for a in (name, comment, graph_attr, node_attr, edge_attr, body)):
            raise ValueError("graph must be sole argument of subgraph()")
        if getattr(graph, "directed", None) != self.directed:
            raise ValueError(f"{self!r} cannot add subgraph of different kind: {graph!r}")
        self.body += [f"\t{line}" for line in graph.__iter__(subgraph=True)]

    @contextlib.contextmanager
    def _subgraph_context(self, sub):
        yield sub
        self.subgraph(sub)


class Graph(_Dot):
    """An undirected graph in DOT: ``graph { a -- b }``."""


class Digraph(_Dot):
    """A directed graph in DOT: ``digraph { a -> b }``."""

    directed = True
    _keyword = "digraph"
    _edge_op = "->"


class Source(_Rendering):
    """DOT source text given verbatim, to be rendered."""

    def __init__(self, source, filename=None, directory=None, format=None, engine=None,
                 encoding=DEFAULT_ENCODING, *, renderer=None, formatter=None,
                 loaded_from_path=None):
        self._init_files(filename, directory, format, engine, encoding, renderer, formatter)
        self._source = source

    @classmethod
    def from_file(cls, filename, directory=None, format=None, engine=None,
                  encoding=DEFAULT_ENCODING, renderer=None, formatter=None):
        """A Source with the text read from ``directory/filename``."""
        path = os.path.join(os.fspath(directory), filename) if directory else os.fspath(filename)
        with open(path, encoding=encoding) as file:
            text = file.read()
        return cls(text, filename=filename, directory=directory, format=format, engine=engine,
                   encoding=encoding, renderer=renderer, formatter=formatter)

    @property
    def source(self):
        """The DOT source text, ending with a newline."""
        text = self._source
        return text if text.endswith("\n") or not text else text + "\n"

    def __iter__(self):
        yield from self.source.splitlines(keepends=True)

    def __repr__(self):
        return f"<graphviz.sources.Source object at {id(self):#x}>"

    def save(self, filename=None, directory=None, *, skip_existing=None):
        return super().save(filename, directory=directory, skip_existing=skip_existing)


for _cls in (Graph, Digraph):
    _cls.__module__ = "graphviz.graphs"
Source.__module__ = "graphviz.sources"


# MARK: - Module-level functions


def pipe(engine, format, data, renderer=None, formatter=None, neato_no_op=None, quiet=False):
    """``data`` (DOT source bytes) rendered in ``format``, as bytes."""
    return _pipe_source(data, engine, format, None)


def pipe_string(engine, format, input_string, *, encoding=DEFAULT_ENCODING, **_):
    """``input_string`` rendered in ``format``, decoded with ``encoding``."""
    return _pipe_source(input_string, engine, format, encoding)


def render(engine, format=None, filepath=None, renderer=None, formatter=None, neato_no_op=None,
           quiet=False, *, outfile=None, raise_if_result_exists=False, overwrite_filepath=False):
    """Renders the DOT file ``filepath`` to ``filepath.format`` (or ``outfile``); returns it."""
    if filepath is None:
        raise RequiredArgumentError("filepath: (required) if outfile is not given")
    filepath = os.fspath(filepath)
    if outfile is not None:
        outfile = os.fspath(outfile)
        if format is None:
            format = os.path.splitext(outfile)[1].lstrip(".") or None
    format = _check_format(format)
    if outfile is None:
        outfile = f"{filepath}.{format}"
    with open(filepath, "rb") as file:
        data = file.read()
    _write_atomically(outfile, _pipe_source(data, engine, format, None))
    return outfile
