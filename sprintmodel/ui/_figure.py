"""A matplotlib figure shown as a widget: the ipympl canvas when available, else a PNG image.

With ``%matplotlib widget`` (ipympl) the figure's canvas *is* a widget: artists are moved in
place and ``draw_idle()`` sends the new image, without re-creating any output (no flicker).
With ipympl, :meth:`FigureView.animate` marks the artists a slider moves; :meth:`FigureView.refresh`
then *blits* them: it restores the background saved at the last full draw, draws only those
artists and pushes the changed pixels (no round trip to the browser for a full redraw). Axis
limits or labels that change need ``refresh(full=True)``.

Without ipympl (the inline backend, plain Python) the figure is a plain
:class:`~matplotlib.figure.Figure` rendered to PNG into an :class:`ipywidgets.Image` on every
refresh: slower, still in place.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Literal

import ipywidgets as widgets
import matplotlib as mpl
from matplotlib.figure import Figure

Backend = Literal["auto", "ipympl", "image"]


def _ipympl_active() -> bool:
    name = str(mpl.get_backend()).lower()
    return "ipympl" in name or name in ("widget", "module://ipympl.backend_nbagg")


class FigureView:
    """A figure and the widget that shows it.

    Parameters
    ----------
    figsize
        Size [inches].
    backend
        ``"auto"`` (ipympl when it is the active matplotlib backend, else an image),
        ``"ipympl"`` or ``"image"``.

    Attributes
    ----------
    figure
        The matplotlib figure.
    widget
        The widget to put in a layout (the ipympl canvas, or an ``Image``).
    kind
        ``"ipympl"`` or ``"image"``.
    """

    def __init__(self, figsize: tuple[float, float] = (7.0, 3.6), backend: Backend = "auto"):
        use_ipympl = backend == "ipympl" or (backend == "auto" and _ipympl_active())
        self.kind: str = "image"
        if use_ipympl:
            import matplotlib.pyplot as plt

            with plt.ioff():
                fig = plt.figure(figsize=figsize)
            if isinstance(fig.canvas, widgets.DOMWidget):
                self.figure = fig
                canvas = fig.canvas
                for name, value in (
                    ("header_visible", False),
                    ("toolbar_visible", False),
                    ("footer_visible", False),
                    ("resizable", False),
                ):
                    if hasattr(canvas, name):
                        setattr(canvas, name, value)
                self.widget: widgets.DOMWidget = canvas
                self.kind = "ipympl"
                self._animated: list[Any] = []
                self._background: Any = None
                canvas.mpl_connect("draw_event", self._on_draw)
                return
            plt.close(fig)
        self.figure = Figure(figsize=figsize)
        self.widget = widgets.Image(format="png")
        self.widget.add_class("sprintmodel-figure")

    def animate(self, artists: Sequence[Any]) -> None:
        """Artists that :meth:`refresh` redraws alone (ipympl only; ignored for images).

        They are marked ``animated`` (a full draw skips them; they are drawn over the saved
        background after it). The background is taken at the next full draw.
        """
        if self.kind != "ipympl":
            return
        for a in self._animated:
            a.set_animated(False)
        self._animated = list(artists)
        for a in self._animated:
            a.set_animated(True)
        self._background = None

    def _on_draw(self, event: Any) -> None:
        canvas = self.figure.canvas
        self._background = canvas.copy_from_bbox(self.figure.bbox)  # type: ignore[attr-defined]
        for a in self._animated:
            if a.figure is self.figure:
                self.figure.draw_artist(a)

    def refresh(self, full: bool = False) -> None:
        """Show the figure's current state.

        ipympl: blit the animated artists over the saved background, or with ``full`` (or
        before any full draw) ask for a full redraw (``draw_idle``). Image: render a new PNG.
        """
        if self.kind == "ipympl":
            canvas = self.figure.canvas
            if full or self._background is None or not self._animated:
                canvas.draw_idle()
                return
            canvas.restore_region(self._background)  # type: ignore[attr-defined]
            for a in self._animated:
                self.figure.draw_artist(a)
            canvas.blit(self.figure.bbox)
            return
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=96)
        self.widget.value = buf.getvalue()


def _engine_spec(engine: Any, spec: Any, name: str) -> Any:
    """``spec`` with the engine's draws and seed (a scenario file's may differ), or a new one."""
    if spec is None:
        return engine.spec(name)
    if spec.draws != engine.n_draws or spec.seed != engine.seed:
        return spec.replace(draws=engine.n_draws, seed=engine.seed)
    return spec


__all__ = ["FigureView"]
