"""The widget catalogue: one module per skipole 5.x widget module, plus ``pi`` for devices.

``widget_modules()`` lists the modules and ``widgets_in_module(name)`` their classes; a class
is found by its ``"module.Class"`` path with ``widget_class``.
"""

from .base import widget_class, widget_modules, widgets_in_module

__all__ = ["widget_class", "widget_modules", "widgets_in_module"]
