"""A report as plain blocks (headings, paragraphs, lists, tables, code, charts) and its two renderers.

The content is assembled once (app/report/content.py) and rendered to Markdown and to a
self-contained HTML page, so the two formats can never disagree. Text is always escaped: model
names, reasons and profile values show as text in both formats, never as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape


@dataclass
class Para:
    text: str
    muted: bool = False


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    caption: str = ""


@dataclass
class Code:
    text: str
    lang: str = ""


@dataclass
class Chart:
    svg: str                      # inline SVG (HTML only)
    caption: str = ""


@dataclass
class Sub:
    title: str
    blocks: list = field(default_factory=list)


@dataclass
class Section:
    key: str                      # stable id, e.g. "profile" (tests look for id="section-profile")
    title: str
    blocks: list = field(default_factory=list)


@dataclass
class Report:
    title: str
    subtitle: str
    sections: list[Section]


# ---------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def md_text(text: str) -> str:
    """Escape Markdown/HTML syntax so user-derived text shows literally."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def _md_block(block: object, level: int) -> list[str]:
    if isinstance(block, Para):
        return [f"_{md_text(block.text)}_" if block.muted else md_text(block.text), ""]
    if isinstance(block, Bullets):
        return [f"- {md_text(item)}" for item in block.items] + [""]
    if isinstance(block, Table):
        out = [f"*{md_text(block.caption)}*", ""] if block.caption else []
        out.append("| " + " | ".join(md_text(h) for h in block.headers) + " |")
        out.append("|" + "---|" * len(block.headers))
        out += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in block.rows]
        return out + [""]
    if isinstance(block, Code):
        fence = "````" if "```" in block.text else "```"
        return [f"{fence}{block.lang}", block.text.rstrip("\n"), fence, ""]
    if isinstance(block, Chart):
        return []  # charts are HTML-only; every chart's data is also in a table of the same section
    if isinstance(block, Sub):
        out = [f"{'#' * (level + 1)} {md_text(block.title)}", ""]
        for b in block.blocks:
            out += _md_block(b, level + 1)
        return out
    raise TypeError(f"unknown report block {type(block).__name__}")


def to_markdown(report: Report) -> str:
    lines = [f"# {md_text(report.title)}", "", md_text(report.subtitle), ""]
    for section in report.sections:
        lines += [f"## {md_text(section.title)}", ""]
        for block in section.blocks:
            lines += _md_block(block, 2)
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- HTML

CSS = """
:root{--fg:#111827;--muted:#4b5563;--line:#e5e7eb;--accent:#1d4ed8;--bg:#ffffff;--soft:#f3f4f6}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);
 font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:960px;margin:0 auto;padding:32px 24px 64px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:36px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:22px 0 6px}
h4{font-size:15px;margin:16px 0 4px}
p{margin:6px 0}
.subtitle,.muted{color:var(--muted)}
nav{margin:16px 0 8px;padding:10px 14px;background:var(--soft);border-radius:8px;font-size:14px}
nav a{color:var(--accent);margin-right:14px;text-decoration:none;white-space:nowrap}
table{border-collapse:collapse;width:100%;margin:8px 0 12px;font-size:14px}
th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--soft)}
caption{caption-side:top;text-align:left;color:var(--muted);padding-bottom:4px}
ul{margin:6px 0 10px;padding-left:22px}
pre{background:var(--soft);padding:12px;border-radius:6px;overflow-x:auto;font-size:13px;
 white-space:pre-wrap;word-break:break-word}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
figure{margin:10px 0}
figcaption{color:var(--muted);font-size:13px}
svg{height:auto}
footer{margin-top:40px;color:var(--muted);font-size:13px}
@media print{
 body{font-size:11pt;color:#000}
 main{max-width:none;padding:0}
 nav{display:none}
 h2{break-after:avoid;page-break-after:avoid}
 h3,h4{break-after:avoid}
 table,figure,pre,.pick{break-inside:avoid;page-break-inside:avoid}
 a{color:#000;text-decoration:none}
 @page{margin:16mm}
}
"""


def _html_block(block: object, level: int) -> str:
    if isinstance(block, Para):
        cls = ' class="muted"' if block.muted else ""
        return f"<p{cls}>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Table):
        cap = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
        head = "".join(f"<th>{escape(h)}</th>" for h in block.headers)
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in block.rows)
        return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    if isinstance(block, Code):
        return f"<pre><code>{escape(block.text)}</code></pre>"
    if isinstance(block, Chart):
        cap = f"<figcaption>{escape(block.caption)}</figcaption>" if block.caption else ""
        return f"<figure>{block.svg}{cap}</figure>"  # SVG built by app/report/charts.py with every label escaped
    if isinstance(block, Sub):
        tag = f"h{min(level + 1, 6)}"
        inner = "".join(_html_block(b, level + 1) for b in block.blocks)
        return f'<div class="pick"><{tag}>{escape(block.title)}</{tag}>{inner}</div>'
    raise TypeError(f"unknown report block {type(block).__name__}")


def to_html(report: Report) -> str:
    """A self-contained page: inline CSS and SVG, no scripts, no external resources."""
    nav = "".join(f'<a href="#section-{escape(s.key)}">{escape(s.title)}</a>' for s in report.sections)
    body = "".join(
        f'<section id="section-{escape(s.key)}"><h2>{escape(s.title)}</h2>'
        + "".join(_html_block(b, 2) for b in s.blocks) + "</section>"
        for s in report.sections)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            # The report runs nothing and loads nothing: a CSP makes that explicit to the browser.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:\">"
            f"<title>{escape(report.title)}</title><style>{CSS}</style></head><body><main>"
            f"<h1>{escape(report.title)}</h1><p class=\"subtitle\">{escape(report.subtitle)}</p>"
            f"<nav>{nav}</nav>{body}"
            "<footer>Generated by Embedding Advisor. This page is self-contained: it loads nothing from the network."
            "</footer></main></body></html>\n")
