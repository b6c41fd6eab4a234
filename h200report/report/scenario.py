"""The cap and fee scenarios: the sourced per-company and overall caps and the fee,
overridden by a notebook's scenario parameters, and the chips allowed by number of
buyers under them."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..factbase.formatting import describe_value, number
from .model import Prose, Report, md_safe, published


@dataclass(frozen=True)
class Scenario:
    sourced_cap: float | None
    cap: float | None
    overall: float | None
    sourced_fee: float | None
    fee: float | None
    buyers: int | None
    curve: pd.DataFrame

    @property
    def complete(self) -> bool:
        return None not in (self.cap, self.overall, self.fee)

    @property
    def kink(self) -> int | None:
        """Buyers from which the overall cap, not the per-company cap, binds."""
        if self.cap is None or self.overall is None:
            return None
        return math.ceil(self.overall / self.cap)


def _sourced(facts: pd.DataFrame, key: str, column: str, days: dict[str, str]) -> float | None:
    rows = facts[(facts["key"] == key) & facts[column].notna()]
    if rows.empty:
        return None
    # If sources ever disagree on the number, the most recent publication speaks for now.
    rows = rows.assign(_p=rows["source_id"].map(days)).sort_values(["_p", "fact_id"], kind="stable")
    return float(rows[column].iloc[-1])


def scenario(report: Report) -> Scenario:
    """Sourced caps and fee, overridden by the scenario parameters, and the allowed-chips curve."""
    s, tables = report.settings, report.tables
    facts, days = tables["facts"], published(tables)
    roles = report.labels.report
    sourced_cap = _sourced(facts, roles.per_company_cap, "high", days)
    overall = _sourced(facts, roles.overall_cap, "high", days)
    sourced_fee = _sourced(facts, roles.fee_rate, "value", days)
    cap = float(s.per_company_cap) if s.per_company_cap is not None else sourced_cap
    fee = s.fee_rate_percent if s.fee_rate_percent is not None else sourced_fee
    curve = allowed_curve(cap, overall, s.buyers)
    return Scenario(sourced_cap, cap, overall, sourced_fee, fee, s.buyers, curve)


def allowed_curve(cap: float | None, overall: float | None, buyers: int | None) -> pd.DataFrame:
    """Chips allowed by number of buyers under a per-company and an overall cap."""
    rows = []
    if cap is not None and overall is not None:
        kink = math.ceil(overall / cap)
        # Twice the kink shows both regimes; a chosen buyer count beyond it extends the axis.
        last = max(2 * kink, buyers or 0)
        for b in range(1, last + 1):
            rows.append(
                {
                    "buyers": b,
                    "per_company_total": b * cap,
                    "overall": overall,
                    "allowed": min(b * cap, overall),
                }
            )
    return pd.DataFrame(rows, columns=["buyers", "per_company_total", "overall", "allowed"])


# The per-company caps a reader of the shared HTML can switch between: the sourced one
# and fractions and multiples of it (rounded to a thousand chips), and the chosen one.
CAP_PRESETS = (1 / 3, 2 / 3, 1, 4 / 3, 2)
# The fee rates of the slider, in percent; the sourced and the chosen rate join them.
FEE_STEPS = tuple(range(0, 51, 5))


def cap_presets(sc: Scenario) -> list[float]:
    if sc.sourced_cap is None:
        return [sc.cap] if sc.cap is not None else []
    presets = {round(sc.sourced_cap * f, -3) or sc.sourced_cap for f in CAP_PRESETS}
    presets |= {sc.sourced_cap} | ({sc.cap} if sc.cap is not None else set())
    return sorted(presets)


def fee_steps(sc: Scenario) -> list[float]:
    extra = {f for f in (sc.sourced_fee, sc.fee) if f is not None}
    return sorted({float(f) for f in FEE_STEPS} | extra)


def scenario_text(report: Report, sc: Scenario) -> Prose | None:
    if report.empty:
        return None
    lang = report.language
    missing = [
        w
        for w, v in (
            ("per_company_cap_word", sc.cap),
            ("overall_cap_word", sc.overall),
            ("fee_word", sc.fee),
        )
        if v is None
    ]
    if missing:
        return Prose(report.t("scenario_missing", what=report.t(missing[0])))
    if sc.buyers is None:
        buyers_text = report.t("buyers_curve", n=int(sc.curve["buyers"].max()))
        allowed = float(sc.overall)
    else:
        buyers_text = report.t("buyers_n", n=sc.buyers)
        allowed = min(sc.buyers * sc.cap, sc.overall)
    sourced, chosen = report.t("as_sourced"), report.t("scenario_value")
    text = report.t(
        "scenario_intro",
        cap=describe_value(None, None, sc.cap, "chips", "at_most", lang),
        cap_basis=sourced if sc.cap == sc.sourced_cap else chosen,
        overall=describe_value(None, None, sc.overall, "chips", "at_most", lang),
        fee=describe_value(sc.fee, None, None, "percent", "exact", lang),
        fee_basis=sourced if sc.fee == sc.sourced_fee else chosen,
        buyers=buyers_text,
        allowed=describe_value(None, None, allowed, "chips", "at_most", lang),
        kink=sc.kink,
        fee_chips=number(allowed * sc.fee / 100, lang),
    )
    return Prose(md_safe(text))


def scenario_table(report: Report, sc: Scenario) -> pd.DataFrame:
    return sc.curve.copy()
