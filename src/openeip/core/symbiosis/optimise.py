"""The optimal exchange network: which candidate exchanges to run, and how much on each (MILP).

Given scored candidates (from :mod:`openeip.core.symbiosis.match`), choose the quantities that
maximise the network's total net benefit without offering more than a supplier has or
delivering more than a receiver needs; an exchange that needs a fixed investment (a pipeline,
a dryer) is either built, paying its yearly fixed cost, or not used at all. Solved with HiGHS.

Symbols (all per year)::

    c ∈ C       candidate exchanges; s(c), d(c) its supply and demand stream
    p ∈ P       supply–demand pairs with a fixed cost F_p (VND/yr); C_p the candidates of p
    x_c ≥ 0     quantity exchanged on c, in the supply's base unit
    y_p ∈ {0,1} 1 when the pair's fixed investment is made
    v_c         net benefit per unit of supply = Benefit.net_vnd / Benefit.quantity (VND/unit)
    r_c         substitution ratio of c's rule (demand units per supply unit)
    S_s, D_d    the supply's available and the demand's needed quantity
    u_c         upper bound of x_c: min(S_s, D_d / r_c) of those known, else the candidate's
                matched quantity; a column bound only when neither stream's quantity is known
                (else the rows bound it), and the big-M of the fixed-cost links

    maximise    Σ_c v_c x_c − Σ_p F_p y_p                         (objective)
    subject to  Σ_{c: s(c)=s} x_c       ≤ S_s     for each supply s   (supply limits)
                Σ_{c: d(c)=d} r_c x_c   ≤ D_d     for each demand d   (demand limits)
                Σ_{c ∈ C_p} x_c − U_p y_p ≤ 0     for each pair p     (fixed-cost links)
                x_c ≥ 0;  U_p = min(S_s, Σ_{c ∈ C_p} u_c)

Before the model is built, candidates no optimum can use are left out (``unprofitable``): those
with v_c ≤ 0 (sending nothing is never worse), and every candidate of a pair whose fixed cost
is at least max_c v_c · U_p (the pipe could never pay for itself). Neither changes the optimum
nor, with all duals ≥ 0, the shadow prices. The branch and bound stops at a relative gap of
``DEFAULT_MIP_GAP`` (0.1 %).

A stream whose quantity is unknown gets no limit row; a candidate with no finite upper bound
(nothing known about either side's quantity nor the matched quantity) or without a valued
benefit cannot be weighed and is left out (counted in ``NetworkResult.left_out``).

**Binding constraints and the value of more.** After the MILP, the binaries are fixed at their
optimal values and the remaining LP is solved again; the dual of a stream's limit row is the
net benefit one more unit of that supply (or demand) would add to the network, VND per base
unit, with the chosen investments kept. A limit is *binding* when its use reaches the available
quantity (relative tolerance 1e-7).

The model is built in named steps — :func:`define_quantities`, :func:`define_supply_limits`,
:func:`define_demand_limits`, :func:`define_fixed_cost_links`, :func:`define_objective` —
into plain numpy arrays, then passed to HiGHS as one column-wise matrix (100,000 candidates:
about 2.5 s to build, mostly per-candidate Python checks; ``bench/symbiosis_optimise.py``).
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import highspy
import numpy as np
import numpy.typing as npt

from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _
from openeip.core.symbiosis.model import Candidate, Stream

__all__ = [
    "DEFAULT_MIP_GAP",
    "ConstraintReport",
    "NetworkResult",
    "SelectedExchange",
    "optimise",
]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

_BINDING_TOLERANCE = 1e-7
#: Branch and bound stops within 0.1 % of the best bound: the benefits it weighs are estimates
#: far less precise than that (HiGHS's own default is 0.01 %).
DEFAULT_MIP_GAP = 1e-3
_SELECTED_MINIMUM = 1e-9


@dataclass(frozen=True, slots=True)
class SelectedExchange:
    """One exchange of the optimal network."""

    supply_id: str
    demand_id: str
    rule_code: str
    quantity: float          # supply base units per year
    net_vnd: float           # v_c · x_c minus its share (by quantity) of the pair's fixed cost


@dataclass(frozen=True, slots=True)
class ConstraintReport:
    """How much of one stream the optimal network uses, and what one more unit would be worth."""

    name: str                # the row's name in the model: "supply[S1]", "demand[D2]"
    stream_id: str
    kind: str                # "supply" | "demand"
    used: float              # supply: Σ x; demand: Σ r·x — in the stream's base unit
    available: float
    binding: bool
    shadow_price_vnd_per_unit: float


@dataclass(frozen=True, slots=True)
class NetworkResult:
    """The solved network."""

    status: str              # "optimal" | "time_limit" | "empty" | HiGHS's status in lower case
    objective_vnd: float     # Σ v·x − Σ F·y
    selected: tuple[SelectedExchange, ...]
    constraints: tuple[ConstraintReport, ...]
    solve_seconds: float
    mip_gap: float           # 0 for a proven optimum or a pure LP
    left_out: int = 0        # candidates that could not be weighed (no benefit, no bound)
    build_seconds: float = 0.0
    built_investments: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    unprofitable: int = 0    # left out of the model as no optimum can use them (see below)


@dataclass
class _Model:
    """The model as arrays, filled by the ``define_*`` steps."""

    candidates: list[Candidate]
    ratios: Floats
    unit_value: Floats
    upper: Floats
    col_names: list[str] = field(default_factory=list)
    costs: list[Floats] = field(default_factory=list)
    lower_bounds: list[Floats] = field(default_factory=list)
    upper_bounds: list[Floats] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    # coordinate (row, column, value) triplets of the constraint matrix
    rows: list[Ints] = field(default_factory=list)
    cols: list[Ints] = field(default_factory=list)
    values: list[Floats] = field(default_factory=list)
    row_names: list[str] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    limits: list[tuple[str, str, float]] = field(default_factory=list)  # (kind, id, available)
    pair_keys: list[tuple[str, str]] = field(default_factory=list)
    pair_cost: Floats = field(default_factory=lambda: np.zeros(0))
    first_binary: int = 0

    @property
    def num_candidates(self) -> int:
        return len(self.candidates)

    def add_rows(self, names: list[str], upper: list[float], row_of_entry: Ints,
                 col_of_entry: Ints, value_of_entry: Floats) -> None:
        offset = len(self.row_names)
        self.row_names.extend(names)
        self.row_upper.extend(upper)
        self.rows.append(row_of_entry + offset)
        self.cols.append(col_of_entry)
        self.values.append(value_of_entry)


def optimise(candidates: Sequence[Candidate], supplies: Mapping[str, Stream],
             demands: Mapping[str, Stream],
             fixed_costs: Mapping[tuple[str, str], float] | None = None,
             time_limit_s: float = 60.0, *,
             ratios: Mapping[str, float] | None = None,
             mip_gap: float = DEFAULT_MIP_GAP) -> NetworkResult:
    """Solve the network of ``candidates`` (see the module docstring for the model).

    ``fixed_costs`` maps (supply id, demand id) to a yearly fixed cost in VND (an annualised
    investment); those pairs get a binary build decision. ``ratios`` maps rule codes to their
    substitution ratio; by default the shipped rule book's. ``mip_gap`` is the relative gap at
    which the branch and bound stops and calls the network optimal.
    """
    started = time.perf_counter()
    fixed_costs = fixed_costs or {}
    _check_fixed_costs(fixed_costs)
    usable, left_out = _weighable(candidates, supplies, demands, ratios)
    worth = _worth_modelling(usable, supplies, demands, _rule_ratios(ratios), fixed_costs)
    if not worth:
        return NetworkResult("empty", 0.0, (), (), 0.0, 0.0, left_out,
                             time.perf_counter() - started, unprofitable=len(usable))
    model = define_quantities(worth, supplies, demands, ratios)
    define_supply_limits(model, supplies)
    define_demand_limits(model, demands)
    define_fixed_cost_links(model, supplies, fixed_costs)
    define_objective(model)
    build_seconds = time.perf_counter() - started
    result = _solve(model, time_limit_s, left_out, build_seconds, mip_gap)
    return replace(result, unprofitable=len(usable) - len(worth))


def _check_fixed_costs(fixed_costs: Mapping[tuple[str, str], float]) -> None:
    for (supply_id, demand_id), cost in fixed_costs.items():
        if not math.isfinite(cost) or cost < 0:
            raise DomainError(_(
                "The fixed cost of the exchange {supply} → {demand} must be a number of VND per "
                "year of at least 0, not {cost}.").format(supply=supply_id, demand=demand_id,
                                                          cost=cost), "fixed_costs")


def _rule_ratios(ratios: Mapping[str, float] | None) -> Mapping[str, float]:
    if ratios is not None:
        return ratios
    from openeip.core.symbiosis.rules import load_rules

    book = load_rules()
    return {rule.code: rule.substitution_ratio for rule in (*book.rules, *book.direct_reuse)}


def _weighable(candidates: Sequence[Candidate], supplies: Mapping[str, Stream],
               demands: Mapping[str, Stream],
               ratios: Mapping[str, float] | None) -> tuple[list[Candidate], int]:
    """The candidates that can enter the model: both streams known, a valued benefit, a bound."""
    known = _rule_ratios(ratios)
    usable = []
    for candidate in candidates:
        if candidate.supply_id not in supplies or candidate.demand_id not in demands:
            raise DomainError(_(
                "The candidate {supply} → {demand} names a stream that is not among the "
                "supplies and demands given.").format(supply=candidate.supply_id,
                                                      demand=candidate.demand_id), "candidates")
        if candidate.rule_code not in known:
            raise DomainError(_("The candidate {supply} → {demand} uses the unknown rule "
                                "{rule}.").format(supply=candidate.supply_id,
                                                  demand=candidate.demand_id,
                                                  rule=candidate.rule_code), "candidates")
        benefit = candidate.benefit
        if benefit is None or not benefit.quantity > 0:
            continue
        if math.isinf(_upper_bound(candidate, supplies, demands, known[candidate.rule_code])):
            continue
        usable.append(candidate)
    return usable, len(candidates) - len(usable)


def _worth_modelling(candidates: list[Candidate], supplies: Mapping[str, Stream],
                     demands: Mapping[str, Stream], ratios: Mapping[str, float],
                     fixed_costs: Mapping[tuple[str, str], float]) -> list[Candidate]:
    """Drop what no optimum uses: v_c ≤ 0, and pairs whose F_p ≥ max_c v_c · U_p."""
    profitable = [c for c in candidates
                  if c.benefit is not None and c.benefit.net_vnd / c.benefit.quantity > 0]
    best: dict[tuple[str, str], tuple[float, float]] = {}     # pair -> (max v, Σ u)
    for candidate in profitable:
        key = (candidate.supply_id, candidate.demand_id)
        if key in fixed_costs:
            value = candidate.benefit.net_vnd / candidate.benefit.quantity  # type: ignore[union-attr]
            bound = _upper_bound(candidate, supplies, demands, ratios[candidate.rule_code])
            top, total = best.get(key, (0.0, 0.0))
            best[key] = (max(top, value), total + bound)
    hopeless = set()
    for key, (top, total) in best.items():
        quantity = supplies[key[0]].quantity
        capacity = min(total, quantity) if quantity is not None else total
        if fixed_costs[key] >= top * capacity:
            hopeless.add(key)
    return [c for c in profitable if (c.supply_id, c.demand_id) not in hopeless]


def _upper_bound(candidate: Candidate, supplies: Mapping[str, Stream],
                 demands: Mapping[str, Stream], ratio: float) -> float:
    bounds = [math.inf]
    supply_quantity = supplies[candidate.supply_id].quantity
    demand_quantity = demands[candidate.demand_id].quantity
    if supply_quantity is not None:
        bounds.append(supply_quantity)
    if demand_quantity is not None:
        bounds.append(demand_quantity / ratio)
    if len(bounds) == 1 and candidate.matched_quantity is not None:
        bounds.append(candidate.matched_quantity)
    return max(0.0, min(bounds))


def define_quantities(candidates: list[Candidate], supplies: Mapping[str, Stream],
                      demands: Mapping[str, Stream],
                      ratios: Mapping[str, float] | None) -> _Model:
    """Variables x_c ≥ 0, one per candidate, bounded by u_c; v_c and r_c kept for later steps."""
    known = _rule_ratios(ratios)
    ratio = np.array([known[c.rule_code] for c in candidates], dtype=np.float64)
    unit_value = np.array([c.benefit.net_vnd / c.benefit.quantity  # type: ignore[union-attr]
                           for c in candidates], dtype=np.float64)
    upper = np.array([_upper_bound(c, supplies, demands, r)
                      for c, r in zip(candidates, ratio, strict=True)], dtype=np.float64)
    # A column bound that repeats a limit row makes the row's dual degenerate (the bound would
    # take the value of more supply); so bound a column only when no row limits it.
    unlimited = np.array([supplies[c.supply_id].quantity is None
                          and demands[c.demand_id].quantity is None for c in candidates])
    model = _Model(list(candidates), ratio, unit_value, upper)
    model.col_names.extend("x[{}→{}|{}]".format(c.supply_id, c.demand_id, c.rule_code)
                           for c in candidates)
    model.lower_bounds.append(np.zeros(len(candidates)))
    model.upper_bounds.append(np.where(unlimited, upper, highspy.kHighsInf))
    model.integer.extend([False] * len(candidates))
    model.first_binary = len(candidates)
    return model


def _limit_rows(model: _Model, kind: str, ids: list[str], streams: Mapping[str, Stream],
                coefficients: Floats) -> None:
    """One ≤ row per stream of known quantity over the candidates that draw on it."""
    row_of: dict[str, int] = {}
    names: list[str] = []
    upper: list[float] = []
    entry_rows: list[int] = []
    entry_cols: list[int] = []
    for column, stream_id in enumerate(ids):
        quantity = streams[stream_id].quantity
        if quantity is None:
            continue
        row = row_of.get(stream_id)
        if row is None:
            row = row_of[stream_id] = len(names)
            names.append("{}[{}]".format(kind, stream_id))
            upper.append(quantity)
            model.limits.append((kind, stream_id, quantity))
        entry_rows.append(row)
        entry_cols.append(column)
    columns = np.array(entry_cols, dtype=np.int64)
    model.add_rows(names, upper, np.array(entry_rows, dtype=np.int64), columns,
                   coefficients[columns] if len(columns) else np.zeros(0))


def define_supply_limits(model: _Model, supplies: Mapping[str, Stream]) -> None:
    """Σ_{c: s(c)=s} x_c ≤ S_s for every supply of known quantity."""
    _limit_rows(model, "supply", [c.supply_id for c in model.candidates], supplies,
                np.ones(model.num_candidates))


def define_demand_limits(model: _Model, demands: Mapping[str, Stream]) -> None:
    """Σ_{c: d(c)=d} r_c x_c ≤ D_d for every demand of known quantity (demand units)."""
    _limit_rows(model, "demand", [c.demand_id for c in model.candidates], demands,
                model.ratios)


def define_fixed_cost_links(model: _Model, supplies: Mapping[str, Stream],
                            fixed_costs: Mapping[tuple[str, str], float]) -> None:
    """Binary y_p per pair with a fixed cost; Σ_{c ∈ C_p} x_c − U_p y_p ≤ 0."""
    members: dict[tuple[str, str], list[int]] = {}
    for column, candidate in enumerate(model.candidates):
        key = (candidate.supply_id, candidate.demand_id)
        if key in fixed_costs:
            members.setdefault(key, []).append(column)
    model.pair_keys = list(members)
    model.pair_cost = np.array([fixed_costs[key] for key in model.pair_keys], dtype=np.float64)
    if not members:
        return
    entry_rows: list[int] = []
    entry_cols: list[int] = []
    entry_values: list[float] = []
    names = []
    for pair, (key, columns) in enumerate(members.items()):
        names.append("link[{}→{}]".format(*key))
        capacity = float(model.upper[columns].sum())
        supply_quantity = supplies[key[0]].quantity
        if supply_quantity is not None:
            capacity = min(capacity, supply_quantity)
        entry_rows.extend([pair] * (len(columns) + 1))
        entry_cols.extend(columns)
        entry_cols.append(model.first_binary + pair)
        entry_values.extend([1.0] * len(columns))
        entry_values.append(-capacity)
    model.add_rows(names, [0.0] * len(names), np.array(entry_rows, dtype=np.int64),
                   np.array(entry_cols, dtype=np.int64),
                   np.array(entry_values, dtype=np.float64))
    model.col_names.extend("y[{}→{}]".format(*key) for key in model.pair_keys)
    model.lower_bounds.append(np.zeros(len(model.pair_keys)))
    model.upper_bounds.append(np.ones(len(model.pair_keys)))
    model.integer.extend([True] * len(model.pair_keys))


def define_objective(model: _Model) -> None:
    """Maximise Σ v_c x_c − Σ F_p y_p."""
    model.costs = [model.unit_value, -model.pair_cost]


def _highs_lp(model: _Model) -> Any:
    lp = highspy.HighsLp()
    num_cols = len(model.col_names)
    lp.num_col_ = num_cols
    lp.num_row_ = len(model.row_names)
    lp.col_cost_ = np.concatenate(model.costs)
    lp.col_lower_ = np.concatenate(model.lower_bounds)
    lp.col_upper_ = np.concatenate(model.upper_bounds)
    lp.row_lower_ = np.full(lp.num_row_, -highspy.kHighsInf)
    lp.row_upper_ = np.array(model.row_upper, dtype=np.float64)
    rows = np.concatenate(model.rows) if model.rows else np.zeros(0, dtype=np.int64)
    cols = np.concatenate(model.cols) if model.cols else np.zeros(0, dtype=np.int64)
    values = np.concatenate(model.values) if model.values else np.zeros(0)
    order = np.lexsort((rows, cols))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.concatenate(
        ([0], np.cumsum(np.bincount(cols, minlength=num_cols)))).astype(np.int32)
    lp.a_matrix_.index_ = rows[order].astype(np.int32)
    lp.a_matrix_.value_ = values[order]
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_names_ = model.col_names
    lp.row_names_ = model.row_names
    if any(model.integer):
        lp.integrality_ = [highspy.HighsVarType.kInteger if flag
                           else highspy.HighsVarType.kContinuous for flag in model.integer]
    return lp


def _status(highs: Any) -> str:
    status = highs.getModelStatus()
    if status == highspy.HighsModelStatus.kOptimal:
        return "optimal"
    if status == highspy.HighsModelStatus.kTimeLimit:
        return "time_limit"
    return str(highs.modelStatusToString(status)).lower().replace(" ", "_")


def _quiet_highs() -> Any:
    """A HiGHS instance whose constructor's licence banner does not reach our standard output.

    HiGHS 1.16 prints the banner from C++ when the object is built, before ``output_flag`` can
    be set; it would land in the middle of a CLI's or a pipe's output. File descriptor 1 points
    at /dev/null for the construction only.
    """
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
            highs = highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    highs.setOptionValue("output_flag", False)
    return highs


def _solve(model: _Model, time_limit_s: float, left_out: int,
           build_seconds: float, mip_gap: float) -> NetworkResult:
    highs = _quiet_highs()
    highs.setOptionValue("time_limit", float(time_limit_s))
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("mip_rel_gap", float(mip_gap))
    highs.passModel(_highs_lp(model))
    started = time.perf_counter()
    highs.run()
    status = _status(highs)
    values = np.asarray(highs.getSolution().col_value, dtype=np.float64)
    has_binaries = len(model.pair_keys) > 0
    mip_gap = float(highs.getInfo().mip_gap) if has_binaries else 0.0
    if values.size != len(model.col_names):     # no feasible point found in time
        return NetworkResult(status, 0.0, (), (), time.perf_counter() - started,
                             math.inf, left_out, build_seconds)
    built = np.round(values[model.first_binary:]) if has_binaries else np.zeros(0)
    duals = _duals_with_investments_fixed(highs, model, built)
    seconds = time.perf_counter() - started
    quantities = values[:model.first_binary]
    return NetworkResult(
        status=status,
        objective_vnd=float(model.unit_value @ quantities - model.pair_cost @ built),
        selected=_selected(model, quantities, built),
        constraints=_constraint_reports(model, quantities, duals),
        solve_seconds=seconds,
        mip_gap=0.0 if not math.isfinite(mip_gap) or not has_binaries else max(0.0, mip_gap),
        left_out=left_out,
        build_seconds=build_seconds,
        built_investments=tuple(key for key, flag in zip(model.pair_keys, built, strict=True)
                                if flag > 0.5),
    )


def _duals_with_investments_fixed(highs: Any, model: _Model, built: Floats) -> Floats:
    """Row duals of the LP left when each y_p is fixed at its optimal value."""
    if len(model.pair_keys):
        indices = np.arange(model.first_binary, len(model.col_names), dtype=np.int32)
        highs.changeColsIntegrality(len(indices), indices,
                                    np.full(len(indices), highspy.HighsVarType.kContinuous))
        highs.changeColsBounds(len(indices), indices, built, built)
        highs.run()
    solution = highs.getSolution()
    if not solution.dual_valid:
        return np.full(len(model.row_names), math.nan)
    return np.asarray(solution.row_dual, dtype=np.float64)


def _selected(model: _Model, quantities: Floats,
              built: Floats) -> tuple[SelectedExchange, ...]:
    share_of_fixed = np.zeros(model.num_candidates)
    pair_index = {key: index for index, key in enumerate(model.pair_keys)}
    chosen = [column for column in range(model.num_candidates)
              if quantities[column] > _SELECTED_MINIMUM * max(1.0, model.upper[column])]
    pair_totals: dict[int, float] = {}
    for column in chosen:
        candidate = model.candidates[column]
        pair = pair_index.get((candidate.supply_id, candidate.demand_id))
        if pair is not None:
            pair_totals[pair] = pair_totals.get(pair, 0.0) + float(quantities[column])
    for column in chosen:
        candidate = model.candidates[column]
        pair = pair_index.get((candidate.supply_id, candidate.demand_id))
        if pair is not None and built[pair] > 0.5:
            share_of_fixed[column] = (model.pair_cost[pair] * quantities[column]
                                      / pair_totals[pair])
    return tuple(
        SelectedExchange(
            supply_id=model.candidates[column].supply_id,
            demand_id=model.candidates[column].demand_id,
            rule_code=model.candidates[column].rule_code,
            quantity=float(quantities[column]),
            net_vnd=float(model.unit_value[column] * quantities[column]
                          - share_of_fixed[column]),
        )
        for column in chosen)


def _constraint_reports(model: _Model, quantities: Floats,
                        duals: Floats) -> tuple[ConstraintReport, ...]:
    used = np.zeros(len(model.row_names))
    for rows, cols, values in zip(model.rows, model.cols, model.values,
                                  strict=True):
        inside = cols < model.first_binary
        np.add.at(used, rows[inside], values[inside] * quantities[cols[inside]])
    reports = []
    for row, (kind, stream_id, available) in enumerate(model.limits):
        reports.append(ConstraintReport(
            name=model.row_names[row], stream_id=stream_id, kind=kind,
            used=float(used[row]), available=available,
            binding=bool(used[row] >= available - _BINDING_TOLERANCE * max(1.0, available)),
            shadow_price_vnd_per_unit=float(duals[row])))
    return tuple(reports)
