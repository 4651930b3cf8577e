"""The skipole widget gallery: every catalogue widget on a page per module, with sample data.

``make_gallery(projectfiles)`` writes the gallery project; ``python3 -m skipole.gallery
[--port 8001]`` writes it to a temporary directory and serves it.  The browser tests
(``tests/browser``) and the first-load benchmark (``bench/firstload.py``) use it.
"""

from .project import FORM_URL, GALLERY_NAME, gallery_widgets, json_url, make_gallery, module_url
from .samples import is_data_field, json_fields, restore_value, sample_fields, update_value

__all__ = ["make_gallery", "load_gallery", "GALLERY_NAME", "FORM_URL", "gallery_widgets", "json_url",
           "module_url", "is_data_field", "json_fields", "restore_value", "sample_fields", "update_value"]


def load_gallery(projectfiles, **settings):
    """Write the gallery under ``projectfiles`` and return its WSGI application (library at /lib).

    ``settings`` go to ``skipole.load_project`` (debug defaults to True: the debug widgets
    show their content to loopback clients only).
    """
    from ..loading import load_project
    settings.setdefault("debug", True)
    projdir = make_gallery(projectfiles)
    return load_project(projdir, **settings)
