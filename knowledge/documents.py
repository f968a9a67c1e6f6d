"""The text that represents a card in the vector index.

The packaged embedding model reads at most 256 word pieces, so the most telling facts come first:
name, what it embeds, its domain, its languages, then its one-line summary and size.
"""

from __future__ import annotations

from knowledge.languages import language_name
from knowledge.schema import Card

_DOMAIN_WORDS = {
    "medical": "medical, clinical, biomedical, health",
    "legal": "legal, law, contracts, case law",
    "finance": "finance, financial filings, banking",
    "code": "source code, programming, code search",
    "scientific": "scientific papers, chemistry, research",
    "e-commerce": "e-commerce, products, shopping catalogue",
    "general": "general purpose",
}

_SUMMARY_WORDS = 45  # keeps every document under ~160 word pieces: index build time grows with length

_BENCH_WORDS = {
    "MTEB(Medical, v1)": "medical", "RTEB(Health, beta)": "health", "R2MED": "medical reasoning",
    "MTEB(Law, v1)": "legal", "RTEB(Law, beta)": "legal", "RTEB(fin, beta)": "finance",
    "MTEB(Code, v1)": "code", "CoIR": "code", "ChemTEB(v1.1)": "chemistry", "LongEmbed": "long documents",
    "MIEB(eng)": "images", "ViDoRe(v1&v2)": "document screenshots", "MAEB(beta)": "audio", "MVEB(beta)": "video",
}


def _languages_text(card: Card) -> str:
    if not card.languages:
        return "languages not stated"
    names = [language_name(c) for c in card.languages]
    if len(names) > 8:
        head = ", ".join(names[:8])
        return f"multilingual: {len(names)} languages including {head}"
    prefix = "multilingual: " if card.multilingual else ""
    return prefix + ", ".join(names)


def _size_text(n: int | None) -> str:
    if n is None:
        return "size not published"
    if n >= 1e9:
        return f"{n / 1e9:.1f}B parameters"
    return f"{n / 1e6:.0f}M parameters"


def card_document(card: Card) -> str:
    """A compact natural-language description of ``card`` built only from its facts."""
    name = card.id.split("/")[-1]
    access = "open weights, runs locally" if card.open_weights else "cloud API"
    what = " and ".join(card.modalities)
    domains = "; ".join(_DOMAIN_WORDS.get(d, d) for d in card.domains)
    parts = [
        f"{name} ({card.id}) by {card.provider or card.id.split('/')[0]}: {what} embedding model, {access}.",
        f"Domain: {domains}.",
        f"Languages: {_languages_text(card)}.",
    ]
    if card.programming_languages:
        langs = card.programming_languages
        more = f" and {len(langs) - 8} more" if len(langs) > 8 else ""
        parts.append("Programming languages: " + ", ".join(langs[:8]) + more + ".")
    if card.summary:
        words = card.summary.split()
        parts.append(" ".join(words[:_SUMMARY_WORDS]) + (" ..." if len(words) > _SUMMARY_WORDS else ""))
    facts = [_size_text(card.n_parameters)]
    if card.embed_dim:
        facts.append(f"{card.embed_dim} dimensions")
    if card.max_tokens:
        facts.append(f"{card.max_tokens} tokens context")
    if card.license:
        facts.append(f"licence {card.license}")
    parts.append(", ".join(facts) + ".")
    evaluated = sorted({w for b, w in _BENCH_WORDS.items() if b in card.benchmarks and card.benchmarks[b].complete})
    if evaluated:
        parts.append("Benchmarked on " + ", ".join(evaluated) + ".")
    if card.lifecycle and card.lifecycle.status != "active":
        when = f" since {card.lifecycle.date.isoformat()}" if card.lifecycle.date else ""
        parts.append(f"{card.lifecycle.status.capitalize()}{when}"
                     + (f"; successor {card.lifecycle.successor}." if card.lifecycle.successor else "."))
    return " ".join(parts)
