"""Live preview of the draft: the draft served by its own ``WSGIApplication`` under
``/skiadmin/preview/``, and the screen showing a page of it at phone and desktop widths.

The draft application is built from ``AdminStore.draft_model()`` (never from the published
site) and kept until the draft's version changes.  It shares the live application's devices,
hooks and secret key, so pages look as they will once published; it answers GET only, shows
responders as a notice instead of running them, and the preview screen frames it in a
sandbox without scripts or forms, so nothing in a preview can switch a device.
"""

import threading

from ...call import run_call
from . import html
from .common import item_crumbs, live_url, page_bar
from .html import BASE, esc, url

__all__ = ["DraftPreview", "view"]

PREFIX = BASE + "/preview/"
PHONE = (390, 844)
DESKTOP = (1280, 800)


class DraftPreview:
    """The draft as an application, rebuilt when the draft changes."""

    def __init__(self, site):
        self.site = site
        self._lock = threading.Lock()
        self._cached = None          # (version, WSGIApplication)

    def application(self):
        from ...application import WSGIApplication
        store, live = self.site.store, self.site.app
        version = store.version
        with self._lock:
            if self._cached is not None and self._cached[0] == version:
                return self._cached[1]
            model = store.draft_model()
            app = WSGIApplication(store.name, live.projectfiles, proj_data=live.proj_data,
                                  start_call=live.start_call, submit_data=live.submit_data,
                                  end_call=live.end_call, url=PREFIX, model=model, debug=False,
                                  secret_key=live.secret_key)
            app.hardware = getattr(live, "hardware", None)
            app.lib_url = live.lib_url
            app.api_url = live.api_url
            self._cached = (version, app)
            return app

    def serve(self, visit, relpath):
        app = self.application()
        page = app.project_model.page_at(relpath)
        if page is not None and page.kind == "RespondPage":
            return visit.message_page(
                "A responder", "This address is a responder: it is not a page to look at, it answers forms. "
                "The preview shows pages only.")
        response = run_call(app, visit.request, relpath)
        response.set_header("Cache-Control", "no-store")
        return response


def view(visit):
    """GET /skiadmin/view?page=N: the draft of a page at phone and desktop widths."""
    ident = visit.arg("page")
    crumbs, info = item_crumbs(visit, ident, "Preview")
    if info["kind"] == "folder":
        return visit.redirect(url("/folder", item=info["ident"]))
    src = PREFIX.rstrip("/") + info["path"] + f"?draft={visit.version}"
    frames = []
    for label, (w, h), cls in (("Phone", PHONE, "phone"), ("Desktop", DESKTOP, "desktop")):
        frames.append(f'<figure class="sa-frame sa-frame-{cls}" data-width="{w}" data-height="{h}">'
                      f'<figcaption>{label} ({w} px wide)</figcaption><div class="sa-frame-box">'
                      f'<iframe src="{esc(src)}" width="{w}" height="{h}" sandbox="allow-same-origin" '
                      f'title="{label} preview of {esc(info["path"])}"></iframe></div></figure>')
    note = ("<p>This is the <strong>draft</strong>, as it will look once published. Switches and forms in the "
            "preview do nothing; try them on the live page after publishing.</p>")
    if not visit.status["has_draft"]:
        note = "<p>There are no unpublished changes: the preview shows the published page.</p>"
    full = (f'<a class="sa-btn" href="{esc(src)}" target="_blank" rel="noopener">Open the preview full size</a>'
            f'<a class="sa-btn" href="{esc(live_url(visit, info["path"]))}" target="_blank" rel="noopener">'
            "Live page &#8599;</a>")
    body = (page_bar(visit, info) + html.card(note + f'<div class="sa-bar">{full}</div>')
            + f'<div class="sa-frames">{"".join(frames)}</div>')
    help_html = html.help_box("The page as a phone (390 px wide) and a desktop (1280 px wide) show it, made "
                              "from your draft. It follows every change you make: reload this screen after an "
                              "edit.")
    return visit.page(f"Preview of {info['path']}", body, crumbs=crumbs, help_html=help_html)
