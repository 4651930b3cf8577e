"""The project model: folders, pages, labels, sections and TextBlocks read from a project directory."""

from .idents import Ident
from .loader import load_project_files
from .model import Folder, Page, Project

__all__ = ["Ident", "Folder", "Page", "Project", "load_project_files"]
