"""The report as PDF, drawn with fpdf2 (pure Python, no browser, no network) from the same blocks.

Unicode text needs a TrueType font: DejaVu Sans from the system (Debian's fonts-dejavu, present
wherever Chromium is) when found; otherwise the PDF core font with characters outside Latin-1
replaced, and the PDF says so. Charts stay in the HTML report (fpdf2 cannot draw SVG text); their
data tables are in the PDF.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import PdfUnavailableError
from app.report.blocks import Bullets, Chart, Code, Para, Report, Section, Sub, Table

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts",
             "/Library/Fonts", "C:/Windows/Fonts")
FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
MONO = "DejaVuSansMono.ttf"


def _font_dir() -> Path | None:
    for d in FONT_DIRS:
        if all((Path(d) / f).exists() for f in (*FONTS.values(), MONO)):
            return Path(d)
    return None


class _Writer:
    def __init__(self) -> None:
        try:
            from fpdf import FPDF
        except ImportError:  # pragma: no cover - fpdf2 is a pinned requirement
            raise PdfUnavailableError("PDF export needs fpdf2: pip install fpdf2") from None
        self.pdf = FPDF(format="A4")
        self.pdf.set_auto_page_break(True, margin=15)
        self.pdf.set_margins(16, 16, 16)
        fonts = _font_dir()
        self.unicode = fonts is not None
        if fonts:
            for style, name in FONTS.items():
                self.pdf.add_font("body", style, str(fonts / name))
            self.pdf.add_font("mono", "", str(fonts / MONO))
            self.body, self.mono = "body", "mono"
        else:
            self.body, self.mono = "helvetica", "courier"
        self.pdf.add_page()

    def text(self, s: object) -> str:
        s = str(s)
        return s if self.unicode else s.encode("latin-1", "replace").decode("latin-1")

    def heading(self, text: str, size: float, space: float = 3) -> None:
        self.pdf.ln(space)
        self.pdf.set_font(self.body, "B", size)
        self.pdf.multi_cell(0, size * 0.5, self.text(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)

    def para(self, text: str, muted: bool = False) -> None:
        self.pdf.set_font(self.body, "I" if muted else "", 9.5)
        self.pdf.set_text_color(90 if muted else 20)
        self.pdf.multi_cell(0, 4.8, self.text(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_text_color(20)
        self.pdf.ln(1)

    def bullets(self, items: list[str]) -> None:
        self.pdf.set_font(self.body, "", 9.5)
        for item in items:
            self.pdf.set_x(self.pdf.l_margin + 3)
            self.pdf.multi_cell(0, 4.8, self.text(f"• {item}" if self.unicode else f"- {item}"),
                                new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)

    def table(self, t: Table) -> None:
        if t.caption:
            self.para(t.caption, muted=True)
        self.pdf.set_font(self.body, "", 8)
        widths = [max(len(h), *(len(r[i]) for r in t.rows)) if t.rows else len(h) for i, h in enumerate(t.headers)]
        widths = [min(max(w, 6), 60) for w in widths]
        from fpdf.fonts import FontFace

        heads = FontFace(emphasis="BOLD", fill_color=(243, 244, 246))
        with self.pdf.table(col_widths=tuple(widths), text_align="LEFT", line_height=4.2,
                            headings_style=heads, first_row_as_headings=True) as table:
            for row in [t.headers, *t.rows]:
                cells = table.row()
                for value in row:
                    cells.cell(self.text(value))
        self.pdf.ln(2)

    def code(self, text: str) -> None:
        self.pdf.set_font(self.mono, "", 7.5)
        self.pdf.set_fill_color(243, 244, 246)
        self.pdf.multi_cell(0, 3.8, self.text(text), fill=True, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(2)

    def chart(self, c: Chart) -> None:
        # fpdf2 draws SVG shapes but not SVG text, and a chart without labels misleads: the PDF shows the
        # chart's data table (always next to it) and points to the HTML report for the picture.
        self.para("(Chart in the HTML report; its data is in the table below.)", muted=True)

    def block(self, b: object, level: int) -> None:
        if isinstance(b, Para):
            self.para(b.text, b.muted)
        elif isinstance(b, Bullets):
            self.bullets(b.items)
        elif isinstance(b, Table):
            self.table(b)
        elif isinstance(b, Code):
            self.code(b.text)
        elif isinstance(b, Chart):
            self.chart(b)
        elif isinstance(b, Sub):
            self.heading(b.title, 11.5 if level <= 2 else 10.5, 2)
            for inner in b.blocks:
                self.block(inner, level + 1)
        else:
            raise TypeError(f"unknown report block {type(b).__name__}")

    def section(self, s: Section) -> None:
        self.heading(s.title, 14, 5)
        for b in s.blocks:
            self.block(b, 2)


def to_pdf(report: Report) -> bytes:
    """The report as PDF bytes."""
    w = _Writer()
    w.pdf.set_title(report.title)
    w.pdf.set_creator("Embedding Advisor")
    w.heading(report.title, 18, 0)
    w.para(report.subtitle, muted=True)
    if not w.unicode:
        w.para("(DejaVu fonts not found: characters outside Latin-1 are shown as '?'. The HTML report has them all.)",
               muted=True)
    for s in report.sections:
        w.section(s)
    return bytes(w.pdf.output())
