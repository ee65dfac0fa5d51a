"""A second synthetic national STREAMS.csv, written apart from ``core/symbiosis/synthetic.py``.

The engine was tuned on ``openeip.core.symbiosis.synthetic`` (Stream objects with the class
already known, rule-weighted classes, clean names). This generator writes what a national
collection of firm questionnaires looks like instead, as the FILE the user gives the command:

* **descriptions** in free text, English or Vietnamese, in varied firm wording ("surplus {x}
  from our plant", "{x} phát sinh hàng tháng", "cần {x} cho sản xuất" …), a third of the
  Vietnamese ones typed without diacritics, some in capitals, a few with a typo; drawn from a
  pool per class so that, as in real national files, descriptions repeat;
* **classes** are every leaf class of the taxonomy, Zipf-weighted in a seeded random order (not
  by the synergy rules), either direction;
* **mixed units**: the yearly amount is written per year, month, week, day or hour, in t, kg,
  tấn, m3, m³, L, khối, MWh, kWh or GJ;
* **missing fields**: no quantity (12 %), no months (55 %), no coordinates (8 %), no id (3 %,
  the row number is used), no park (5 %); a sector (VSIC code or words) for 15 % of the firms;
* **unusable rows** that ``--skip-invalid`` leaves out: a unit that is not a flow of mass,
  volume or energy ("km/month", "t", "m2/day": 1 %) and a direction that is none ("sell",
  "bán": 0.5 %); a few more fail because a description is read as a class whose unit the
  amount cannot be converted to (as happens with real files).

Columns are in an unusual order to exercise the header reader. Rows are generated in chunks of
``CHUNK`` with numpy and streamed to disk, so a million rows take a few seconds and little
memory. Everything is FICTIONAL (firms, places, quantities).

    python -m bench.national_streams OUT.csv ROWS [--seed 7] [--parks 500]
"""

from __future__ import annotations

import argparse
import csv
import io
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

CHUNK = 100_000
COLUMNS = ("id", "company", "park", "direction", "description", "quantity", "unit", "months",
           "lat", "lon", "sector", "temperature_c")

EN_SUPPLY = ("{x}", "surplus {x} from our plant", "{x} - to give away", "waste {x} (approx.)",
             "{x} generated every week", "our {x} by-product", "{x}, collected in bags")
EN_DEMAND = ("{x}", "we need {x}", "{x} for production", "looking for {x}",
             "{x} as raw material", "buy {x} regularly")
VI_SUPPLY = ("{x}", "{x} thải", "{x} dư thừa từ nhà máy", "{x} phát sinh hàng tháng",
             "chất thải {x}", "{x} cần xử lý")
VI_DEMAND = ("{x}", "cần {x}", "nhu cầu {x} cho sản xuất", "{x} làm nguyên liệu",
             "thu mua {x}")
SUPPLY_WORDS = ("supply", "supply", "Supply", "offer", "cung cấp", "cung cap", "Cung cấp")
DEMAND_WORDS = ("demand", "demand", "Demand", "need", "nhu cầu", "nhu cau", "Nhu cầu")
BAD_UNITS = ("km/month", "t", "m2/day")      # a length, no time, an area
BAD_DIRECTIONS = ("sell", "trade", "bán", "exchange")
# (unit, base units per year in one unit) by base unit of the class
UNITS: dict[str, tuple[tuple[str, float], ...]] = {
    "t": (("t/yr", 1.0), ("t/month", 12.0), ("tấn/tháng", 12.0), ("kg/day", 0.365),
          ("tấn/năm", 1.0), ("kg/h", 8.76), ("t/week", 365 / 7), ("t/day", 365.0)),
    "m3": (("m3/yr", 1.0), ("m3/h", 8760.0), ("m3/day", 365.0), ("L/day", 0.365),
           ("khối/tháng", 12.0), ("m³/month", 12.0), ("m3/ngày", 365.0)),
    "MWh": (("MWh/yr", 1.0), ("kWh/day", 0.365), ("GJ/month", 12 / 3.6), ("MWh/month", 12.0),
            ("kWh/h", 8.76)),
}
MEDIAN = {"t": 250.0, "m3": 15_000.0, "MWh": 1_500.0}
MONTHS = ("1-6", "3-10", "11-2", "1-12", "5-9;11", "2;4;6;8;10;12", "10-4")
FIRM_FORMS = ("Công ty TNHH {name}", "Cong ty CP {name}", "{name} Co., Ltd", "{name} JSC",
              "Nhà máy {name}")
FIRM_WORDS = ("An Phát", "Minh Long", "Hoa Sen", "Sông Hồng", "Phú Mỹ", "Đại Việt", "Tân Á",
              "Green", "Pacific", "Delta", "Mekong", "Thành Công", "Bình Minh", "Kim Long")
VN_BANDS = ((8.6, 11.0, 105.2, 107.3), (11.0, 16.0, 107.6, 109.2), (16.0, 20.0, 105.6, 107.3),
            (20.0, 22.9, 103.9, 107.6))
FOLD_VI = 0.33
UPPER = 0.08
TYPO_VARIANTS = 1


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed
                                                if not unicodedata.combining(c)))


def _typo(text: str, rng: np.random.Generator) -> str:
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 6]
    if not long_words:
        return text
    i = long_words[int(rng.integers(len(long_words)))]
    word = words[i]
    cut = int(rng.integers(1, len(word) - 1))
    words[i] = word[:cut] + word[cut + 1:]
    return " ".join(words)


def _pool(rng: np.random.Generator) -> tuple[list[str], list[str], npt.NDArray[np.int64],
                                             npt.NDArray[np.int64], list[str], list[str]]:
    """Descriptions per (class, direction): flat list, start and count per class and direction,
    the leaf classes' codes, base units and forms."""
    from openeip.core.symbiosis.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    codes = sorted(taxonomy.leaves())
    texts: list[str] = []
    starts = np.zeros((len(codes), 2), dtype=np.int64)
    counts = np.zeros((len(codes), 2), dtype=np.int64)
    for c, code in enumerate(codes):
        rc = taxonomy.classes[code]
        names_en = [rc.name_en.lower(), *rc.synonyms_en[:4]]
        names_vi = [rc.name_vi.lower(), *rc.synonyms_vi[:4]]
        for side, (en, vi) in enumerate(((EN_SUPPLY, VI_SUPPLY), (EN_DEMAND, VI_DEMAND))):
            starts[c, side] = len(texts)
            for name in names_en:
                for form in en:
                    text = form.format(x=name)
                    texts.append(text.upper() if rng.random() < UPPER else text)
            for name in names_vi:
                for form in vi:
                    text = form.format(x=name)
                    texts.append(_plain(text) if rng.random() < FOLD_VI else text)
            for _k in range(TYPO_VARIANTS):
                texts.append(_typo(texts[starts[c, side] + int(rng.integers(
                    len(texts) - starts[c, side]))], rng))
            counts[c, side] = len(texts) - starts[c, side]
    units = [taxonomy.classes[c].base_unit for c in codes]
    forms = [str(taxonomy.classes[c].form) for c in codes]
    return texts, codes, starts, counts, units, forms


def _sectors() -> list[str]:
    from importlib import resources

    text = (resources.files("openeip.data") / "symbiosis" / "sector_streams.csv").read_text(
        encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    out: list[str] = []
    for row in rows:
        out += [row["vsic"].split(";")[0], row["words_en"].split(";")[0],
                row["words_vi"].split(";")[0]]
    return sorted(set(out))


def _choose(rng: np.random.Generator, options: Sequence[str], n: int) -> list[str]:
    return np.asarray(options, dtype=object)[rng.integers(0, len(options), n)].tolist()


def write_streams(path: Path, rows: int, *, seed: int = 7, parks: int = 500) -> dict[str, int]:
    """Write ``rows`` streams to ``path``; how many rows of each kind were written."""
    root = np.random.default_rng(seed)
    texts, codes, starts, counts, base_units, forms = _pool(root)
    text_array = np.asarray(texts, dtype=object)
    n_classes = len(codes)
    weights = 1.0 / np.arange(1, n_classes + 1) ** 0.8
    weights = weights[root.permutation(n_classes)]
    weights /= weights.sum()
    parks = max(1, min(parks, rows // 50))
    band = root.integers(0, len(VN_BANDS), parks)
    bands = np.asarray(VN_BANDS)[band]
    park_lat = bands[:, 0] + root.random(parks) * (bands[:, 1] - bands[:, 0])
    park_lon = bands[:, 2] + root.random(parks) * (bands[:, 3] - bands[:, 2])
    park_names = np.asarray(["KCN {} {}".format(FIRM_WORDS[i % len(FIRM_WORDS)], i)
                             if i % 3 else "Industrial Park {}".format(i)
                             for i in range(parks)], dtype=object)
    firms = max(2, rows // 5)
    firm_park = root.integers(0, parks, firms)
    firm_names = np.asarray([FIRM_FORMS[i % len(FIRM_FORMS)].format(
        name="{} {}".format(FIRM_WORDS[(i // 5) % len(FIRM_WORDS)], i)) for i in range(firms)],
        dtype=object)
    firm_lat = park_lat[firm_park] + root.uniform(-0.01, 0.01, firms)
    firm_lon = park_lon[firm_park] + root.uniform(-0.01, 0.01, firms)
    sectors = np.asarray(_sectors(), dtype=object)
    firm_sector = np.full(firms, "", dtype=object)
    with_sector = root.random(firms) < 0.15
    firm_sector[with_sector] = sectors[root.integers(0, len(sectors), int(with_sector.sum()))]
    unit_options = {b: (np.asarray([u for u, _f in UNITS[b]], dtype=object),
                        np.asarray([f for _u, f in UNITS[b]])) for b in UNITS}
    class_base = np.asarray(base_units, dtype=object)
    hot = np.asarray([f in ("steam", "heat") for f in forms])
    tally = {"rows": 0, "bad_unit": 0, "bad_direction": 0, "no_quantity": 0}
    children = np.random.SeedSequence(seed).spawn((rows + CHUNK - 1) // CHUNK)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(COLUMNS)
        for chunk, child in enumerate(children):
            rng = np.random.default_rng(child)
            begin = chunk * CHUNK
            n = min(CHUNK, rows - begin)
            cls = rng.choice(n_classes, size=n, p=weights)
            side = (rng.random(n) < 0.5).astype(np.int64)          # 0 supply, 1 demand
            pick = starts[cls, side] + (rng.random(n) * counts[cls, side]).astype(np.int64)
            description = text_array[pick]
            direction = np.where(side == 0, np.asarray(SUPPLY_WORDS, dtype=object)[
                rng.integers(0, len(SUPPLY_WORDS), n)], np.asarray(DEMAND_WORDS, dtype=object)[
                rng.integers(0, len(DEMAND_WORDS), n)])
            bad_direction = rng.random(n) < 0.005
            direction[bad_direction] = np.asarray(BAD_DIRECTIONS, dtype=object)[
                rng.integers(0, len(BAD_DIRECTIONS), int(bad_direction.sum()))]
            firm = rng.integers(0, firms, n)
            base = class_base[cls]
            yearly = np.zeros(n)
            unit = np.empty(n, dtype=object)
            for b, (names, factors) in unit_options.items():
                rows_b = np.flatnonzero(base == b)
                which = rng.integers(0, len(names), len(rows_b))
                yearly[rows_b] = MEDIAN[b] * rng.lognormal(0.0, 1.3, len(rows_b))
                unit[rows_b] = names[which]
                yearly[rows_b] /= factors[which]
            bad_unit = rng.random(n) < 0.01
            unit[bad_unit] = np.asarray(BAD_UNITS, dtype=object)[
                rng.integers(0, len(BAD_UNITS), int(bad_unit.sum()))]
            no_quantity = (rng.random(n) < 0.12) & ~bad_unit
            quantity = np.char.mod("%.2f", np.round(yearly, 2)).astype(object)
            quantity[no_quantity] = ""
            unit[no_quantity] = ""
            months = np.asarray(MONTHS, dtype=object)[rng.integers(0, len(MONTHS), n)]
            months[rng.random(n) < 0.55] = ""
            has_xy = rng.random(n) >= 0.08
            lat = np.char.mod("%.5f", firm_lat[firm]).astype(object)
            lon = np.char.mod("%.5f", firm_lon[firm]).astype(object)
            lat[~has_xy] = ""
            lon[~has_xy] = ""
            park = park_names[firm_park[firm]]
            park[rng.random(n) < 0.05] = ""
            sector = firm_sector[firm]
            temperature = np.full(n, "", dtype=object)
            warm = hot[cls] & (rng.random(n) < 0.7)
            temperature[warm] = np.char.mod("%d", rng.integers(60, 220, int(warm.sum()))
                                            ).astype(object)
            ids = np.char.mod("N%07d", np.arange(begin + 1, begin + n + 1)).astype(object)
            ids[rng.random(n) < 0.03] = ""
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(zip(
                ids.tolist(), firm_names[firm].tolist(), park.tolist(), direction.tolist(),
                description.tolist(), quantity.tolist(), unit.tolist(), months.tolist(),
                lat.tolist(), lon.tolist(), sector.tolist(), temperature.tolist(), strict=True))
            handle.write(buffer.getvalue())
            tally["rows"] += n
            tally["bad_unit"] += int(bad_unit.sum())
            tally["bad_direction"] += int(bad_direction.sum())
            tally["no_quantity"] += int(no_quantity.sum())
    tally["distinct_descriptions_in_pool"] = len(set(texts))
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("rows", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--parks", type=int, default=500)
    args = parser.parse_args()
    print(write_streams(args.out, args.rows, seed=args.seed, parks=args.parks))


if __name__ == "__main__":
    main()
