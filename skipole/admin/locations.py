"""Locations: how skiadmin names one element inside a page's or a section's tree.

A location is the path from a tree's root to an element:

- the first item names the tree: ``"head"`` or ``"body"`` (Template pages), ``"svg"`` (SVG
  pages) or ``"section"`` (a section's own tree);
- each following integer is a position (0 = first) among the children of the element
  reached so far — the ``parts`` of an HTML element or of the section;
- inside a widget, a ``"cN"`` item chooses its container ``N`` and the integer after it is
  a position in that container.

It is written as a tuple or list, ``("body", 2, 0)`` = the first child of the third element
of the body, or as a string joined by ``-``: ``"body-2-0"``; ``"body-2-c0-1"`` is the second
item in container 0 of the widget at ``body-2``; ``"body"`` alone is the body element
itself.  These are the same paths the render engine uses in its messages.

When an operation *inserts*, the location is where the new item will be: ``("body", 2)``
puts it third in the body (what was third moves down), and an index equal to the number
of children appends it.
"""

import re

from .errors import AdminError, NotFound

__all__ = ["parse_location", "format_location", "ROOTS", "Tree"]

ROOTS = ("head", "body", "svg", "section")
_CONTAINER = re.compile(r"^c(\d{1,3})$")
MAX_DEPTH = 64


def parse_location(location):
    """A location (string, list or tuple) as a normalised tuple; AdminError when malformed."""
    if isinstance(location, str):
        items = location.strip().split("-") if location.strip() else []
    elif isinstance(location, (list, tuple)):
        items = list(location)
    else:
        raise AdminError(f"a location is a string such as 'body-2-0' or a list such as "
                         f"['body', 2, 0], not {location!r}", "location")
    if not items:
        raise AdminError("the location is empty: it starts with head, body, svg or section", "location")
    if len(items) > MAX_DEPTH:
        raise AdminError("the location is too deep", "location")
    root = items[0]
    if root not in ROOTS:
        raise AdminError(f"a location starts with one of {', '.join(ROOTS)}, not {root!r}", "location")
    out = [root]
    expect_index = False
    for item in items[1:]:
        if isinstance(item, bool):
            raise AdminError(f"bad location item {item!r}", "location")
        if isinstance(item, int) or (isinstance(item, str) and item.isdigit()):
            n = int(item)
            if n < 0 or n > 100_000:
                raise AdminError(f"bad position {item!r} in the location", "location")
            out.append(n)
            expect_index = False
            continue
        if expect_index:
            raise AdminError(f"a container item must be followed by a position, not {item!r}", "location")
        m = _CONTAINER.match(str(item))
        if not m:
            raise AdminError(f"bad location item {item!r}: use positions (0, 1, ...) and cN for "
                             "a widget's container N", "location")
        out.append(f"c{int(m.group(1))}")
        expect_index = True
    if expect_index:
        raise AdminError("a location may not end with a container: add the position inside it",
                         "location")
    return tuple(out)


def format_location(location):
    """The string form of a location tuple: ``"body-2-c0-1"``."""
    return "-".join(str(i) for i in location)


def _widget_container_count(body):
    from .edits import widget_class
    try:
        return widget_class(body.get("class", "")).containers
    except KeyError:
        return sum(1 for k in body if k.startswith("container_"))


class Tree:
    """One tree (a page's head, body or svg, or a section) and navigation inside it.

    ``root`` is the ``[type, content]`` list held in the project data (edited in place);
    ``where`` describes it for messages ("page 2003 body", "section 'topnav'").
    """

    def __init__(self, root, root_name, where):
        self.root = root
        self.root_name = root_name
        self.where = where

    def check_root(self, loc):
        if loc[0] != self.root_name:
            raise AdminError(f"the location {format_location(loc)!r} is not in {self.where} "
                             f"(its locations start with {self.root_name!r})", "location")

    def node(self, location):
        """The element at ``location``; NotFound when there is none."""
        loc = parse_location(location)
        self.check_root(loc)
        node = self.root
        i = 1
        while i < len(loc):
            item = loc[i]
            if isinstance(item, str):
                container = self._container(node, int(item[1:]), loc[:i])
                idx = loc[i + 1]
                if idx >= len(container):
                    raise NotFound(f"nothing at {format_location(loc[:i + 2])} in {self.where}")
                node = container[idx]
                i += 2
                continue
            children = self._parts(node, loc[:i])
            if item >= len(children):
                raise NotFound(f"nothing at {format_location(loc[:i + 1])} in {self.where}")
            node = children[item]
            i += 1
        return node

    def slot(self, location, inserting=False):
        """``(list, index)``: the children list holding ``location`` and the position in it.

        With ``inserting`` the index may equal the list's length (append) and a missing
        ``parts`` list of the parent element is created.
        """
        loc = parse_location(location)
        self.check_root(loc)
        if len(loc) == 1:
            raise AdminError(f"{format_location(loc)!r} is the root of {self.where}: it cannot be "
                             "moved, removed or replaced; use a position inside it", "location")
        idx = loc[-1]
        if len(loc) >= 3 and isinstance(loc[-2], str):
            parent = self.node(loc[:-2])
            children = self._container(parent, int(loc[-2][1:]), loc[:-2])
        else:
            parent = self.node(loc[:-1])
            children = self._parts(parent, loc[:-1], create=inserting)
        limit = len(children) if inserting else len(children) - 1
        if idx > limit:
            if inserting:
                raise AdminError(f"position {idx} is past the end of {format_location(loc[:-1])} in "
                                 f"{self.where}, which holds {len(children)} item(s)", "location")
            raise NotFound(f"nothing at {format_location(loc)} in {self.where}")
        return children, idx

    def _parts(self, node, loc, create=False):
        kind = node[0]
        if kind in ("Part", "Section"):
            body = node[1]
            if "parts" not in body or not isinstance(body["parts"], list):
                if not create:
                    return []
                body["parts"] = []
            return body["parts"]
        if kind in ("Widget", "ClosedWidget"):
            raise AdminError(f"{format_location(loc)} is a widget: choose one of its containers "
                             f"with cN (for example {format_location(loc)}-c0-0)", "location")
        raise AdminError(f"{format_location(loc)} is a {kind}, which holds no other items", "location")

    def _container(self, node, n, loc):
        if node[0] not in ("Widget", "ClosedWidget"):
            raise AdminError(f"{format_location(loc)} is a {node[0]}, not a widget: it has no "
                             "containers", "location")
        body = node[1]
        count = _widget_container_count(body)
        if n >= count:
            raise AdminError(f"the widget {body.get('name') or body.get('class')!r} at "
                             f"{format_location(loc)} has {count} container(s); c{n} does not exist",
                             "location")
        key = f"container_{n}"
        if not isinstance(body.get(key), list):
            body[key] = []
        return body[key]

    def walk(self, node=None, loc=None):
        """Yield ``(location tuple, element)`` for every element, the root first."""
        if node is None:
            node, loc = self.root, (self.root_name,)
        yield loc, node
        kind = node[0]
        if kind in ("Part", "Section"):
            for i, child in enumerate(node[1].get("parts") or ()):
                yield from self.walk(child, loc + (i,))
        elif kind in ("Widget", "ClosedWidget"):
            body = node[1]
            for n in range(max(_widget_container_count(body),
                               sum(1 for k in body if k.startswith("container_")))):
                for i, child in enumerate(body.get(f"container_{n}") or ()):
                    yield from self.walk(child, loc + (f"c{n}", i))
