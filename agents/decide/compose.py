"""A useful top 3: three families, the best API next to the best self-hosted option, cost first when asked,
and a "start small" model to try today.

- The ranking already keeps one entry per family; other sizes become ``size_options`` of that pick.
- ``privacy: cloud_ok`` (hosted APIs invited): the best API and the best self-hosted model are both in the
  top 3 (when both kinds are feasible), in utility order, each with its monthly and one-off cost.
- An established model is always among the top 3 when one is feasible with comparable evidence: if the
  utility order leaves none in, the best established model takes the last place that no other rule
  claimed (a seasoned engineer always shows the proven option next to the newcomers).
- ``priority: cost``: among models within :data:`COST_MARGIN` of the best utility, the cheapest (first-month
  cost) leads; a model on the user's own hardware costs nothing extra.
- ``start_small``: a small (at most :data:`SMALL_PARAMS` parameters, else :data:`SMALLER_PARAMS`),
  feasible, sentence-transformers model, established ones first (and, for data not only in English, ones whose card
  lists languages) — the talk's advice: start with a strong
  small model, measure on your data, move up only when the trial says so. Cloud-first users (APIs
  allowed, no hardware named) get the cheapest good API instead (within :data:`START_API_MARGIN` of the
  best API's utility).
- Document length not given: a model that fits the budget or the indexing window only at the assumed length
  (``feasibility.length_sensitive``) ranks after those of its evidence tier that also fit the cautious length;
  the ones this moves out of the top are :attr:`Slate.deferred` (the answer names them and asks for the length).
- A stated length in a language whose words take more tokens than English: a model that fits the budget only at the
  English rate (:func:`over_budget_in_language`; the measured rate is in ``knowledge/tokenization.yaml``) ranks after
  every model that fits at both, whatever its evidence tier: the language is known and its rate measured, not guessed.
  When APIs are invited and none fits at the measured rate, the API kept in the top 3 is the cheapest of them.
- Under a budget, a hosted model with no published price (:func:`unpriced_under_budget`) ranks after those of its
  evidence tier whose cost is known to fit: the top pick is never a bill the user cannot check.
- Under a budget below an always-on cloud VM, with APIs invited and no hardware named, a self-hosted model
  (:func:`server_over_budget`) ranks after those of its evidence tier whose cost is known to fit.
- A model kept on a rough estimate that is over the indexing window the user stated (:func:`over_window`) ranks after
  those of its evidence tier that fit it: the top pick never needs longer than the user's window when another fits.
- CPUs stated without their size ("no GPU here"): a model kept only because that machine is a guess
  (:func:`beyond_stated_cpu`: rented GPU, or flagged ``needs_gpu``) ranks after those of its tier that run on it.
- A specialist of another domain (:func:`other_domain`: a medical model for a help centre, a code model for prose) ranks
  after the models of its tier made for general use or for the user's domain, and is no start-small pick while another is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agents.decide.families import line_of
from agents.decide.ranking import Candidate, Ranking, beyond_stated_cpu
from agents.profile import Profile
from knowledge.hardware import hardware_table

COST_MARGIN = 0.15         # utility units: "within a small quality margin" for priority cost
SMALL_PARAMS = 150e6       # MiniLM, bge-small/base, e5-small/base, nomic-embed, gte-base class
SMALLER_PARAMS = 600e6     # when no feasible model that small has evidence (e.g. multilingual needs)
START_API_MARGIN = 0.3     # the cheapest API within this utility of the best API is "good"


@dataclass
class Slate:
    """The chosen picks, the role(s) of each, and the start-small model."""

    top: list[Candidate]
    roles: dict[str, list[str]] = field(default_factory=dict)
    start_small: Candidate | None = None
    order: list[Candidate] = field(default_factory=list)     # the full order the top was taken from
    deferred: list[Candidate] = field(default_factory=list)  # would be in the top, but fit only at the assumed length


def cost_key(c: Candidate) -> float:
    """First-month cost for ordering by cost: 0 on your own hardware, unknown prices last."""
    f = c.feasibility
    if f is None:
        return float("inf")
    first = f.first_month_usd
    if first is not None:
        return first
    return 0.0 if c.kind == "self-hosted" and f.rental is None else float("inf")


def ordered_for(ranking: Ranking, profile: Profile) -> list[Candidate]:
    """The ranking's order, with cost leading inside the margin when ``priority: cost``."""
    order = list(ranking.ordered)
    if (profile.priority or "balanced") != "cost":
        return order
    scored = [c for c in order if c.tier == 0]
    if not scored:
        return order
    best = scored[0].utility
    near = [c for c in scored if c.utility >= best - COST_MARGIN]
    near.sort(key=lambda c: (cost_key(c), -c.utility, c.card.id))
    return near + [c for c in order if c not in near]


def length_sensitive(c: Candidate) -> bool:
    """Fits only at the assumed document length (see :mod:`agents.decide.feasibility`)."""
    return bool(c.feasibility and c.feasibility.length_sensitive)


def over_budget_in_language(c: Candidate) -> bool:
    """Fits the budget only at the English rate of tokens per word, not at the measured rate of the data's language
    (``Setup.cautious_why``): it ranks after every model that fits at both, whatever its evidence tier."""
    f = c.feasibility
    return bool(f and f.length_sensitive and f.setup is not None and f.setup.cautious_why)


def unpriced_under_budget(c: Candidate, profile: Profile) -> bool:
    """A hosted model whose price the knowledge base does not hold, for a user with a budget: kept (unknown is not no),
    but it ranks after the models of its evidence tier whose cost is known to fit."""
    return profile.budget_usd_month is not None and c.kind == "api" and cost_key(c) == float("inf")


def server_over_budget(c: Candidate, profile: Profile) -> bool:
    """Self-hosted on hardware the user did not name, for a user who invited hosted APIs under a budget smaller than an
    always-on cloud VM (knowledge/hardware.yaml ``cpu_vm_month``): kept (they may own a server), but it ranks after
    the models of its evidence tier whose cost is known to fit. The top pick is a bill the user can pay tomorrow."""
    budget = profile.budget_usd_month
    named = profile.hardware or profile.device or profile.memory_gb or profile.cpu_cores
    if budget is None or profile.privacy != "cloud_ok" or c.kind != "self-hosted" or named:
        return False
    return budget < float(hardware_table().assumption("cpu_vm_month").get("value", 0.0))


def over_window(c: Candidate, profile: Profile) -> bool:
    """Kept on a rough estimate (within the x2 tolerance) that is still over the window the user stated: it ranks
    after every model of its evidence tier whose estimate fits it. (Over the default window, the rank penalty for a
    tight estimate is enough: the window was not the user's.)"""
    f = c.feasibility
    if profile.index_window_hours is None:
        return False
    hours = f.run.encode_hours if f is not None and f.run is not None else None
    window = f.setup.window_hours if f is not None and f.setup is not None else None
    return hours is not None and window is not None and hours > window


def other_domain(c: Candidate, profile: Profile) -> bool:
    """The card names only specialised domains (``domains``, e.g. [medical]) and the user's domain (code for code data) is
    not among them; an unknown domain counts as general. A strong general-benchmark score does not make MedEmbed the
    model a seasoned engineer deploys on support tickets."""
    domains = set(c.card.domains or ()) - {"general"}
    if not domains or domains != set(c.card.domains or ()):
        return False
    return ("code" if profile.data_type == "code" else profile.domain) not in domains


def _one_per_line(order: list[Candidate]) -> list[Candidate]:
    """``order`` with the first family of each product line first (``families.line_of``: voyage-3 and voyage-3.5),
    the later versions after them in their order: they are picked only when too few lines are left."""
    seen: set[str] = set()
    first, later = [], []
    for c in order:
        line = line_of(c.family)
        (later if line in seen else first).append(c)
        seen.add(line)
    return first + later


def compose(ranking: Ranking, profile: Profile, n: int = 3) -> Slate:
    """The top ``n`` (see the module docstring), the role of each pick and the start-small model."""
    first = ordered_for(ranking, profile)
    if not first:
        return Slate([], {}, None, first)
    order = sorted(first, key=lambda c: (over_budget_in_language(c), c.tier, beyond_stated_cpu(c, profile),
                                         over_window(c, profile), unpriced_under_budget(c, profile),
                                         server_over_budget(c, profile), length_sensitive(c),
                                         other_domain(c, profile)))   # stable: utility order
    order = _one_per_line(order)
    chosen = list(order[:n])
    apis = [c for c in order if c.kind == "api"]
    if profile.budget_usd_month is not None:   # under a budget, the API shown is one whose cost can be checked
        # and fits it in the language; when none fits there, the cheapest (the likeliest to fit the words as they are)
        apis.sort(key=lambda c: (cost_key(c) == float("inf"), over_budget_in_language(c),
                                 cost_key(c) if over_budget_in_language(c) else 0.0))
    selfs = [c for c in order if c.kind == "self-hosted"]
    invited = profile.privacy == "cloud_ok"
    must = [order[0]]
    if invited and n >= 2 and apis and selfs:
        must += [c for c in (apis[0], selfs[0]) if c is not order[0]]
        rest = [c for c in order if c not in must]
        chosen = sorted(must + rest[:max(0, n - len(must))], key=order.index)[:n]
    proven = [c for c in order if c.tier == 0 and c.maturity.level == "established"]
    if proven and n >= 2 and not any(c.maturity.level == "established" for c in chosen):
        free = [c for c in chosen if c not in must]
        if len(chosen) >= n and free:
            chosen.remove(free[-1])
        if len(chosen) < n:
            chosen = sorted(chosen + [proven[0]], key=order.index)
    roles: dict[str, list[str]] = {c.card.id: [] for c in chosen}
    roles[order[0].card.id].append("best_overall")
    if apis and selfs:
        if apis[0] in chosen:
            roles[apis[0].card.id].append("best_api")
        if selfs[0] in chosen:
            roles[selfs[0].card.id].append("best_self_hosted")
    # "cheapest" compares costs that were counted: a self-hosted model on an assumed server costs that server
    priced = [c for c in chosen if cost_key(c) != float("inf") and not _server_cost_uncounted(c)]
    if len(priced) > 1 and len({cost_key(c) for c in priced}) > 1:
        cheapest = min(priced, key=lambda c: (cost_key(c), chosen.index(c)))
        roles[cheapest.card.id].append("cheapest")
    if proven and proven[0] in chosen and not any(c.maturity.level == "established" for c in order[:n]):
        roles[proven[0].card.id].append("best_established")
    for c in chosen:
        if c.maturity.level == "unknown" and c.tier == 0 and _adoption_known(ranking):
            roles[c.card.id].append("promising_newcomer")
    small = start_small(ranking, profile)
    if small is not None and small.card.id in roles:
        roles[small.card.id].append("start_small")
    deferred = [c for c in first[:n] if length_sensitive(c) and c not in chosen]
    return Slate(chosen, roles, small, order, deferred)


def _server_cost_uncounted(c: Candidate) -> bool:
    """A self-hosted pick on a server the user did not name: its $0 is the server's cost left out, not a price."""
    f = c.feasibility
    return c.kind == "self-hosted" and f is not None and f.rental is None and f.setup is not None \
        and f.setup.hardware_assumed


def _adoption_known(ranking: Ranking) -> bool:
    """Labels need the adoption signal: without it every model is 'unknown' and the label says nothing."""
    return any(c.maturity.level != "unknown" for c in ranking.pool)


def cloud_first(profile: Profile) -> bool:
    return profile.privacy == "cloud_ok" and profile.device is None and profile.hardware is None


def start_small(ranking: Ranking, profile: Profile) -> Candidate | None:
    """A model to try today (see the module docstring); None when nothing fits."""
    pool = [c for c in ranking.pool if c.tier == 0]
    if cloud_first(profile):   # the cheapest good API, among those with a published price
        apis = [c for c in pool if c.kind == "api" and cost_key(c) != float("inf")]
        if apis:
            best = max(c.utility for c in apis)
            good = [c for c in apis if c.utility >= best - START_API_MARGIN and not length_sensitive(c)] or \
                [c for c in apis if c.utility >= best - START_API_MARGIN]
            return min(good, key=lambda c: (cost_key(c), -c.utility, c.card.id))
    sizes = [[c for c in pool if c.kind == "self-hosted" and c.card.n_parameters and c.card.n_parameters <= limit
              and c.card.sentence_transformers is not False and not (c.feasibility and c.feasibility.tight)
              and not length_sensitive(c)] for limit in (SMALL_PARAMS, SMALLER_PARAMS)]
    # the smallest size class that holds a model known to read the user's languages, else the smallest non-empty one
    small = next((s for s in sizes if any(not languages_unpublished(c, profile) for c in s)), None) or \
        next((s for s in sizes if s), None)
    if not small:
        return None
    return min(small, key=lambda c: (other_domain(c, profile), languages_unpublished(c, profile),
                                     c.maturity.level != "established", -c.utility, c.card.id))


def languages_unpublished(c: Candidate, profile: Profile) -> bool:
    """The user's data is (also) in a language other than English and the card publishes no language list: a model
    to try first should be one known to read it (a micro model evaluated on English only is no start for Fijian)."""
    return bool(profile.languages) and any(x != "en" for x in profile.languages) and not c.card.languages
