"""Sharing the cost of a shared facility among its tenants: by load, SCRB and Shapley.

Symbols::

    N = {1 … n}     the participants (tenants connected to the facility)
    c(S)            cost of serving coalition S ⊆ N together (VND); c(∅) = 0; see ``games``
    C = c(N)        the grand coalition's cost: what is shared
    x_i             the cost allocated to participant i (VND)
    w_i             participant i's metered load (e.g. flow × COD, kg COD/day)

Every method is *efficient*: Σ_i x_i = C, the facility's full cost is recovered.

**Proportional to metered load** ::

    x_i = C · w_i / Σ_j w_j

Simple and verifiable from the meters; it ignores what each tenant would pay alone, so a
small tenant with a costly stand-alone alternative and a large one with a cheap one are
charged alike per unit.

**Separable cost, remaining benefit (SCRB)** (James & Lee 1971; Young, Okada & Hashimoto 1982,
Water Resources Research 18(3)) ::

    SC_i  = C − c(N ∖ {i})              separable cost: what i adds by joining last
    RB_i  = max(0, c({i}) − SC_i)       remaining benefit: what i saves over going alone,
                                        beyond its separable cost
    NSC   = C − Σ_j SC_j                non-separable (joint) cost
    x_i   = SC_i + NSC · RB_i / Σ_j RB_j

When every RB_j is 0 the joint cost is split equally (and the allocation says so).

**Shapley value** (Shapley 1953) — the average of i's marginal cost over every order in which
the participants could have joined ::

    x_i = Σ_{S ⊆ N∖{i}} |S|! (n − |S| − 1)! / n! · [c(S ∪ {i}) − c(S)]

Computed exactly over all 2^n coalitions up to ``exact_limit`` participants (15 by default:
32,768 coalitions); beyond, estimated from m random orders (Castro, Gómez & Tejada 2009)::

    x̂_i = (1/m) Σ_k Δ_i(π_k)      Δ_i(π) = c(P_i(π) ∪ {i}) − c(P_i(π)),  P_i(π) = those
                                   before i in order π
    SE_i = s_i / √m               s_i the sample standard deviation of Δ_i(π_k)

In each order the marginal costs add up to C, so the estimate is efficient too; SE_i is the
stated standard error of x̂_i.

**Stability check** — a stated coalition S *blocks* an allocation when its members are charged
more together than S would cost them alone: Σ_{i∈S} x_i > c(S). :func:`blocking_coalitions`
lists them (an allocation without any is in the core for the stated coalitions).
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _
from openeip.core.services.games import CostGame, coalition_label

__all__ = ["DEFAULT_EXACT_LIMIT", "DEFAULT_SAMPLES", "Allocation", "BlockingCoalition", "Method",
           "Share", "allocate", "allocate_by_load", "allocate_scrb", "allocate_shapley",
           "blocking_coalitions", "compare", "rounded_to_whole_vnd"]

DEFAULT_EXACT_LIMIT = 15
DEFAULT_SAMPLES = 4000


class Method(StrEnum):
    LOAD = "load"
    SCRB = "scrb"
    SHAPLEY = "shapley"


@dataclass(frozen=True, slots=True)
class Share:
    """What one participant is charged, and the terms of the method that led there."""

    participant: str
    allocated_vnd: float
    stand_alone_vnd: float
    #: the method's named terms for this participant, e.g. (("separable_cost_vnd", 50.0), …)
    terms: tuple[tuple[str, float], ...] = ()
    standard_error_vnd: float | None = None

    @property
    def saving_vnd(self) -> float:
        """c({i}) − x_i: what sharing saves this participant (negative: sharing costs it more)."""
        return self.stand_alone_vnd - self.allocated_vnd

    def term(self, name: str) -> float:
        return dict(self.terms)[name]


@dataclass(frozen=True, slots=True)
class Allocation:
    method: Method
    total_vnd: float
    shares: tuple[Share, ...]
    exact: bool = True
    samples: int = 0
    #: method-wide terms, e.g. (("non_separable_cost_vnd", 80.0),)
    terms: tuple[tuple[str, float], ...] = ()
    #: "equal_split_of_joint_cost" when SCRB had no remaining benefit to weigh by
    notes: tuple[str, ...] = ()

    def by_participant(self) -> dict[str, float]:
        return {share.participant: share.allocated_vnd for share in self.shares}

    def share_of(self, participant: str) -> Share:
        for share in self.shares:
            if share.participant == participant:
                return share
        raise KeyError(participant)


@dataclass(frozen=True, slots=True)
class BlockingCoalition:
    members: str           # 'A+B'
    cost_vnd: float        # c(S)
    charged_vnd: float     # Σ_{i∈S} x_i


def _grand(game: CostGame) -> int:
    return (1 << len(game.participants)) - 1


def _stand_alone(game: CostGame) -> list[float]:
    return [game.cost(1 << k) for k in range(len(game.participants))]


def _efficient(values: list[float], total: float) -> list[float]:
    """Spread the float rounding residue (≪ 1 VND) so Σ x_i equals C to the last bit."""
    residue = total - math.fsum(values)
    if values and residue:
        largest = max(range(len(values)), key=lambda k: abs(values[k]))
        values = list(values)
        values[largest] += residue
    return values


def allocate_by_load(game: CostGame, loads: Mapping[str, float] | None = None) -> Allocation:
    """x_i = C · w_i / Σ w_j, with the loads given or the game's own."""
    loads = loads if loads is not None else game.loads()
    if loads is None:
        raise DomainError(_(
            "The load-proportional method needs each participant's metered load; give a load "
            "for every participant."), "load")
    names = game.participants
    weights = []
    for name in names:
        value = loads.get(name)
        if value is None or not math.isfinite(value) or value < 0:
            raise DomainError(_("The load of {name} must be a number of at least 0.").format(
                name=name), "load")
        weights.append(float(value))
    total_load = math.fsum(weights)
    if total_load <= 0:
        raise DomainError(_("The loads add up to 0: nothing to share in proportion."), "load")
    total = game.cost(_grand(game))
    values = _efficient([total * w / total_load for w in weights], total)
    alone = _stand_alone(game)
    shares = tuple(
        Share(name, values[k], alone[k], (("load", weights[k]),
                                           ("load_fraction", weights[k] / total_load)))
        for k, name in enumerate(names))
    return Allocation(Method.LOAD, total, shares, terms=(("total_load", total_load),))


def allocate_scrb(game: CostGame) -> Allocation:
    """Separable cost, remaining benefit (equations in the module docstring)."""
    names = game.participants
    grand = _grand(game)
    total = game.cost(grand)
    alone = _stand_alone(game)
    separable = [total - game.cost(grand & ~(1 << k)) for k in range(len(names))]
    remaining = [max(0.0, alone[k] - separable[k]) for k in range(len(names))]
    joint = total - math.fsum(separable)
    remaining_total = math.fsum(remaining)
    notes: tuple[str, ...] = ()
    if remaining_total > 0:
        weights = [r / remaining_total for r in remaining]
    else:
        weights = [1.0 / len(names)] * len(names)
        notes = ("equal_split_of_joint_cost",)
    values = _efficient([separable[k] + joint * weights[k] for k in range(len(names))], total)
    shares = tuple(
        Share(name, values[k], alone[k], (
            ("separable_cost_vnd", separable[k]), ("remaining_benefit_vnd", remaining[k]),
            ("joint_cost_fraction", weights[k]), ("joint_cost_share_vnd", joint * weights[k])))
        for k, name in enumerate(names))
    return Allocation(Method.SCRB, total, shares, terms=(
        ("non_separable_cost_vnd", joint), ("remaining_benefit_total_vnd", remaining_total)),
        notes=notes)


def allocate_shapley(game: CostGame, *, exact_limit: int = DEFAULT_EXACT_LIMIT,
                     samples: int = DEFAULT_SAMPLES, seed: int = 0) -> Allocation:
    """Shapley value: exact up to ``exact_limit`` participants, else sampled over ``samples``
    random orders (reproducible with ``seed``) with each share's standard error."""
    if len(game.participants) <= exact_limit:
        return _shapley_exact(game)
    if samples < 2:
        raise DomainError(_("A sampled Shapley value needs at least 2 samples."), "samples")
    return _shapley_sampled(game, samples, seed)


def _shapley_exact(game: CostGame) -> Allocation:
    n = len(game.participants)
    cost = [game.cost(mask) for mask in range(1 << n)]
    # weight of a coalition of size s not containing i: s! (n − s − 1)! / n!
    weight = [math.factorial(s) * math.factorial(n - s - 1) / math.factorial(n)
              for s in range(n)]
    values = []
    for k in range(n):
        bit = 1 << k
        values.append(math.fsum(weight[mask.bit_count()] * (cost[mask | bit] - cost[mask])
                                for mask in range(1 << n) if not mask & bit))
    total = cost[-1]
    values = _efficient(values, total)
    alone = [cost[1 << k] for k in range(n)]
    shares = tuple(Share(name, values[k], alone[k], (("marginal_cost_alone_vnd", alone[k]), (
        "marginal_cost_last_vnd", total - cost[((1 << n) - 1) & ~(1 << k)])))
        for k, name in enumerate(game.participants))
    return Allocation(Method.SHAPLEY, total, shares, exact=True)


def _shapley_sampled(game: CostGame, samples: int, seed: int) -> Allocation:
    n = len(game.participants)
    rng = random.Random(seed)
    order = list(range(n))
    sums = [0.0] * n
    squares = [0.0] * n
    for _sample in range(samples):
        rng.shuffle(order)
        mask = 0
        before = 0.0
        for k in order:
            mask |= 1 << k
            after = game.cost(mask)
            delta = after - before
            sums[k] += delta
            squares[k] += delta * delta
            before = after
    total = game.cost(_grand(game))
    means = [s / samples for s in sums]
    errors = []
    for k in range(n):
        variance = max(0.0, (squares[k] - samples * means[k] ** 2) / (samples - 1))
        errors.append(math.sqrt(variance / samples))
    values = _efficient(means, total)
    alone = _stand_alone(game)
    shares = tuple(Share(name, values[k], alone[k], (), errors[k])
                   for k, name in enumerate(game.participants))
    return Allocation(Method.SHAPLEY, total, shares, exact=False, samples=samples)


def allocate(game: CostGame, method: Method | str, *,
             loads: Mapping[str, float] | None = None,
             exact_limit: int = DEFAULT_EXACT_LIMIT, samples: int = DEFAULT_SAMPLES,
             seed: int = 0) -> Allocation:
    """One method by name: 'load', 'scrb' or 'shapley'."""
    try:
        chosen = Method(method)
    except ValueError:
        raise DomainError(_("Unknown method {method}; use load, scrb or shapley.").format(
            method=method), "method") from None
    if chosen is Method.LOAD:
        return allocate_by_load(game, loads)
    if chosen is Method.SCRB:
        return allocate_scrb(game)
    return allocate_shapley(game, exact_limit=exact_limit, samples=samples, seed=seed)


def compare(game: CostGame, loads: Mapping[str, float] | None = None,
            **shapley: int) -> list[Allocation]:
    """The three methods side by side (load only when loads are known)."""
    results = []
    if loads is not None or game.loads() is not None:
        results.append(allocate_by_load(game, loads))
    results.append(allocate_scrb(game))
    results.append(allocate_shapley(game, **shapley))
    return results


def blocking_coalitions(game: CostGame, allocation: Allocation,
                        tolerance_vnd: float = 0.5) -> list[BlockingCoalition]:
    """Stated proper coalitions charged more than they would pay alone (by > ``tolerance_vnd``)."""
    names = game.participants
    charged = [allocation.share_of(name).allocated_vnd for name in names]
    grand = _grand(game)
    found = []
    for mask, cost in sorted(game.stated().items()):
        if mask == grand:
            continue
        paid = math.fsum(charged[k] for k in range(len(names)) if mask >> k & 1)
        if paid > cost + tolerance_vnd:
            found.append(BlockingCoalition(coalition_label(mask, names), cost, paid))
    return found


def rounded_to_whole_vnd(allocation: Allocation, decimals: int = 0) -> Allocation:
    """Shares rounded to whole VND (or ``decimals`` places) by largest remainder, so that they
    add up exactly to C rounded the same way."""
    scale = 10 ** decimals
    scaled = [share.allocated_vnd * scale for share in allocation.shares]
    target = round(allocation.total_vnd * scale)
    floors = [math.floor(value) for value in scaled]
    left = target - sum(floors)
    by_remainder = sorted(range(len(floors)), key=lambda k: (floors[k] - scaled[k], k))
    picks = by_remainder if left >= 0 else list(reversed(by_remainder))
    step = 1 if left >= 0 else -1
    rounded = list(floors)
    for j in range(abs(left)):
        rounded[picks[j % len(picks)]] += step
    shares = tuple(replace(share, allocated_vnd=rounded[k] / scale)
                   for k, share in enumerate(allocation.shares))
    return replace(allocation, shares=shares)
