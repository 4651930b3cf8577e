"""Which function answers each admin address: ``SCREENS`` (GET, they only read) and
``ACTIONS`` (POST, each checked for the CSRF token before it runs)."""

from . import hardware, items, preview, project, texts, transfer, trees
from .site import apply_action

__all__ = ["SCREENS", "ACTIONS"]

SCREENS = {
    "/": project.home,
    "/settings": project.settings,
    "/publish": project.publish_screen,
    "/history": project.history,
    "/site": items.site,
    "/folder": items.folder,
    "/page": items.page,
    "/new": items.new_page,
    "/export": items.export,
    "/tree": trees.tree,
    "/element": trees.element,
    "/export-element": trees.export_element,
    "/insert": trees.insert,
    "/insert/widget": trees.insert_widget,
    "/sections": texts.sections,
    "/section": texts.section,
    "/labels": texts.labels,
    "/textblocks": texts.textblocks,
    "/textblock": texts.textblock,
    "/defaults": texts.defaults,
    "/export-defaults": texts.export_defaults,
    "/hardware": hardware.devices,
    "/hardware/add": hardware.add_widget,
    "/bind": hardware.bind,
    "/view": preview.view,
    "/backup": transfer.backup_screen,
}

ACTIONS = {
    "/apply": apply_action,
    "/publish": project.publish_action,
    "/discard": project.discard_action,
    "/revert": project.revert_action,
    "/backup": transfer.backup_action,
    "/restore": transfer.restore_action,
    "/device": hardware.device_action,
}
