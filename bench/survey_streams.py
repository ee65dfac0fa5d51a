"""A third synthetic national STREAMS.csv, written without looking at the taxonomy or the rules.

``bench/national_streams.py`` draws its descriptions from the taxonomy's own class names and
synonyms, and the search was tuned on its files afterwards. This generator does not read the
knowledge base at all: it writes what a provincial survey of firms returns, from a hand-written
list of materials and utilities (below, in English and Vietnamese, as a firm would name them)
and hand-written wording, so the engine meets words, spellings and proportions it was not
tuned on:

* **free text** — the material inside a sentence ("we generate about 40 t of fly ash each
  month", "bùn thải sau hệ thống xử lý, chưa phân loại"), a detail that makes a third of the
  descriptions unique (a batch, a line, a moisture, a size), Vietnamese without diacritics for a
  quarter of the Vietnamese rows, some in capitals, a few with a word the classifier cannot know
  ("miscellaneous items", "hàng tồn kho"); 8 % of the rows name no recognisable material;
* **mixed units** — the same material in t, kg, tấn, m3, khối, L, kWh, MWh
  or GJ per year, month, week, day or hour (steam per hour, water per day, heat per year);
* **missing fields** — no quantity (15 %), no coordinates (12 %), no id (4 %), no park
  (firms outside a park, 10 %), no months (60 %), a sector (VSIC code) for 25 % of the firms;
  a temperature for part of the steam, hot water and flue gas;
* **unusable rows** (about 1.5 %) — a comma as decimal mark, a unit without time, a direction
  that is none, a latitude without longitude; ``--skip-invalid`` leaves them out.

Firms sit in 63 province centres with a Zipf-like number of parks each, several streams per
firm; the columns come in yet another order. Everything is FICTIONAL. Streamed to disk in
chunks, a million rows in well under a minute.

    python -m bench.survey_streams OUT.csv ROWS [--seed 3]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

CHUNK = 50_000
COLUMNS = ("Company", "Direction", "description", "unit", "quantity", "ID", "park", "sector",
           "lon", "lat", "months", "temperature_c")

# (English, Vietnamese, kind): kind picks the units (mass, water, steam, heat, gas, power)
MATERIALS = (
    ("fly ash", "tro bay", "mass"), ("bottom ash", "tro đáy", "mass"),
    ("boiler slag", "xỉ lò hơi", "mass"), ("steel slag", "xỉ thép", "mass"),
    ("FGD gypsum", "thạch cao FGD", "mass"), ("scrap steel", "sắt thép phế liệu", "mass"),
    ("copper scrap", "đồng phế liệu", "mass"), ("aluminium scrap", "nhôm phế liệu", "mass"),
    ("waste plastic film", "màng nhựa phế liệu", "mass"), ("PET bottles", "chai nhựa PET", "mass"),
    ("cardboard", "bìa carton", "mass"), ("waste paper", "giấy vụn", "mass"),
    ("sawdust", "mùn cưa", "mass"), ("wood chips", "dăm gỗ", "mass"),
    ("wooden pallets", "pallet gỗ", "mass"), ("rice husk", "trấu", "mass"),
    ("rice husk ash", "tro trấu", "mass"), ("bagasse", "bã mía", "mass"),
    ("molasses", "rỉ đường", "mass"), ("spent grain", "bã hèm bia", "mass"),
    ("brewer's yeast", "men bia thải", "mass"), ("cassava pulp", "bã sắn", "mass"),
    ("fish scraps", "phụ phẩm cá", "mass"), ("food waste", "rác thải thực phẩm", "mass"),
    ("coffee husk", "vỏ cà phê", "mass"), ("cashew shells", "vỏ hạt điều", "mass"),
    ("textile offcuts", "vải vụn", "mass"), ("leather trimmings", "da vụn", "mass"),
    ("glass cullet", "thủy tinh vụn", "mass"), ("waste oil", "dầu thải", "mass"),
    ("used solvent", "dung môi thải", "mass"), ("sewage sludge", "bùn thải", "mass"),
    ("lime sludge", "bùn vôi", "mass"), ("construction debris", "xà bần", "mass"),
    ("rubber scrap", "cao su phế liệu", "mass"), ("used tyres", "lốp xe cũ", "mass"),
    ("coal", "than", "mass"), ("biomass pellets", "viên nén sinh khối", "mass"),
    ("compost", "phân hữu cơ", "mass"), ("palm oil residue", "bã dầu cọ", "mass"),
    ("treated wastewater", "nước thải đã xử lý", "water"),
    ("cooling water", "nước làm mát", "water"), ("process water", "nước sản xuất", "water"),
    ("rainwater", "nước mưa", "water"),
    ("steam", "hơi nước", "steam"), ("low pressure steam", "hơi thấp áp", "steam"),
    ("waste heat", "nhiệt thải", "heat"), ("hot water", "nước nóng", "heat"),
    ("hot flue gas", "khí thải nóng", "heat"),
    ("biogas", "khí biogas", "gas"), ("CO2", "khí CO2", "gas"),
    ("electricity", "điện", "power"),
)
# words no class knows: rows that stay unclassified (kept, no match)
UNKNOWN = (("miscellaneous items", "hàng tồn kho"), ("leftover stock", "đồ cũ các loại"),
           ("mixed goods", "hàng hỗn hợp"))
EN_OFFER = ("{x}", "we generate about {n} of {x} each month", "{x} ({d})", "surplus {x}",
            "{x} available for reuse", "{x} – free collection", "{x}, {d}")
EN_NEED = ("{x}", "need {x} for our process", "{x} wanted ({d})", "buying {x}",
           "{x} as input", "we use {x}, {d}")
VI_OFFER = ("{x}", "{x} phát sinh khoảng {n}", "{x} ({d})", "{x} dư", "{x} sau sản xuất, {d}",
            "thanh lý {x}")
VI_NEED = ("{x}", "cần mua {x}", "{x} dùng cho sản xuất ({d})", "tìm nguồn {x}", "{x}, {d}")
DETAILS_EN = ("batch {k}", "line {k}", "moisture {k} %", "from plant {k}", "size {k} mm",
              "grade {k}")
DETAILS_VI = ("lô {k}", "dây chuyền {k}", "độ ẩm {k} %", "xưởng {k}", "kích thước {k} mm",
              "loại {k}")
# kind: (unit, base units of the kind per year for 1 unit) — the base being t, m3 or MWh
UNITS = {
    "mass": (("t/month", 12.0), ("tấn/năm", 1.0), ("kg/day", 0.365), ("t/week", 365 / 7),
             ("tấn/tháng", 12.0), ("kg/h", 8.76), ("t/yr", 1.0)),
    "water": (("m3/day", 365.0), ("khối/tháng", 12.0), ("m3/h", 8760.0), ("L/day", 0.365),
              ("m3/yr", 1.0)),
    "steam": (("t/h", 8760.0), ("tấn/giờ", 8760.0), ("t/day", 365.0), ("kg/h", 8.76)),
    "heat": (("MWh/yr", 1.0), ("GJ/month", 12 / 3.6), ("kWh/day", 0.365), ("MWh/month", 12.0)),
    "gas": (("m3/day", 365.0), ("m3/h", 8760.0), ("khối/ngày", 365.0), ("m3/yr", 1.0)),
    "power": (("MWh/yr", 1.0), ("kWh/month", 0.012), ("MWh/month", 12.0)),
}
MEDIAN = {"mass": 120.0, "water": 20_000.0, "steam": 8_000.0, "heat": 2_000.0,
          "gas": 50_000.0, "power": 3_000.0}
TEMPERATURE = {"steam": (140, 260), "heat": (60, 400)}
SUPPLY = ("supply", "Supply", "offer", "cung cấp", "cung", "Cung cap")
DEMAND = ("demand", "Demand", "need", "nhu cầu", "cầu", "nhu cau")
MONTHS = ("1-12", "1-6", "4-9", "10-3", "2;5;8;11", "1-4;9-12", "6-8")
SECTORS = ("1062", "1103", "1701", "2394", "2410", "1311", "2220", "3510", "1010", "1629",
           "2011", "1511", "1072", "2392")
FIRM_FORMS = ("Công ty TNHH {w} {i}", "Cty CP {w} {i}", "{w} Manufacturing {i}",
              "{w} Vina {i}", "DNTN {w} {i}", "{w} Industries {i} Co., Ltd")
FIRM_WORDS = ("Hưng Thịnh", "Việt Tiến", "Sao Mai", "Trường Hải", "Asia", "Sunrise",
              "Hải Đăng", "Nam Việt", "Đông Á", "Golden", "Thái Bình", "Phương Nam")
# province centres (approximate, degrees): the parks cluster around them
PROVINCES = (
    (21.03, 105.85), (10.78, 106.70), (20.86, 106.68), (16.05, 108.20), (10.03, 105.78),
    (10.96, 106.82), (11.00, 106.65), (10.54, 106.41), (21.18, 106.07), (21.59, 105.85),
    (20.25, 105.97), (20.43, 106.17), (19.81, 105.78), (18.68, 105.68), (15.12, 108.80),
    (13.78, 109.22), (12.24, 109.19), (11.57, 108.99), (10.93, 108.10), (12.67, 108.05),
    (21.33, 103.91), (22.48, 103.97), (20.94, 106.33), (21.01, 107.29), (10.35, 107.08),
)
BAD = ("comma", "no_time", "direction", "half_place")


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed
                                                if not unicodedata.combining(c)))


def _description(rng: np.random.Generator, material: int, supply: bool, vi: bool,
                 unique: bool) -> str:
    if material < 0:
        en, vi_text = UNKNOWN[int(rng.integers(len(UNKNOWN)))]
        name = vi_text if vi else en
    else:
        name = MATERIALS[material][1] if vi else MATERIALS[material][0]
    forms = (VI_OFFER if supply else VI_NEED) if vi else (EN_OFFER if supply else EN_NEED)
    form = forms[int(rng.integers(len(forms)))]
    details = DETAILS_VI if vi else DETAILS_EN
    detail = details[int(rng.integers(len(details)))].format(
        k=int(rng.integers(1, 400)) if unique else int(rng.integers(1, 4)))
    amount = "{} {}".format(int(rng.integers(2, 90)), "tấn" if vi else "t")
    text = form.format(x=name, n=amount, d=detail)
    if vi and rng.random() < 0.25:
        text = _fold(text)
    elif rng.random() < 0.05:
        text = text.upper()
    return text


def _firms(rng: np.random.Generator, count: int) -> dict[str, np.ndarray]:
    provinces = np.asarray(PROVINCES)
    weights = 1.0 / np.arange(1, len(PROVINCES) + 1) ** 0.7
    province = rng.choice(len(PROVINCES), count, p=weights / weights.sum())
    parks_per_province = 2 + (40 * weights / weights[0]).astype(int)
    park_no = rng.integers(0, parks_per_province[province])
    # a park's centre: a fixed offset from its province's centre (same park, same place)
    offset_rng = np.random.default_rng(12345)
    park_offset = offset_rng.uniform(-0.35, 0.35, (len(PROVINCES), 64, 2))
    centre = provinces[province] + park_offset[province, park_no]
    outside = rng.random(count) < 0.10
    spread = np.where(outside, 0.2, 0.012)[:, None]
    place = centre + rng.normal(0.0, 1.0, (count, 2)) * spread
    sector = np.where(rng.random(count) < 0.25,
                      np.asarray(SECTORS, dtype=object)[rng.integers(0, len(SECTORS), count)],
                      "")
    return {"province": province, "park": park_no, "outside": outside, "lat": place[:, 0],
            "lon": place[:, 1], "sector": sector}


def write_streams(path: Path, rows: int, *, seed: int = 3) -> dict[str, int]:
    """Write ``rows`` streams to ``path``; how many rows of each kind were written."""
    rng = np.random.default_rng(seed)
    n_firms = max(2, rows // 3)
    firms = _firms(rng, n_firms)
    material_weights = 1.0 / np.arange(1, len(MATERIALS) + 1) ** 0.6
    material_weights = material_weights[rng.permutation(len(MATERIALS))]
    material_weights /= material_weights.sum()
    tally = dict.fromkeys(("rows", "unknown_material", "no_quantity", "bad"), 0)
    tally.update(dict.fromkeys(BAD, 0))
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(COLUMNS)
        while written < rows:
            n = min(CHUNK, rows - written)
            firm = rng.integers(0, n_firms, n)
            supply = rng.random(n) < 0.5
            material = rng.choice(len(MATERIALS), n, p=material_weights)
            material = np.where(rng.random(n) < 0.08, -1, material)
            vi = rng.random(n) < 0.55
            unique = rng.random(n) < 0.33
            has_quantity = rng.random(n) >= 0.15
            located = rng.random(n) >= 0.12
            with_id = rng.random(n) >= 0.04
            with_months = rng.random(n) < 0.40
            bad = np.where(rng.random(n) < 0.015, rng.integers(0, len(BAD), n), -1)
            amounts = np.exp(rng.normal(0.0, 1.4, n))
            for i in range(n):
                number = written + i + 1
                f = int(firm[i])
                m = int(material[i])
                kind = MATERIALS[m][2] if m >= 0 else "mass"
                row = dict.fromkeys(COLUMNS, "")
                row["Company"] = FIRM_FORMS[f % len(FIRM_FORMS)].format(
                    w=FIRM_WORDS[(f // 7) % len(FIRM_WORDS)], i=f)
                row["Direction"] = (SUPPLY if supply[i] else DEMAND)[number % 6]
                row["description"] = _description(rng, m, bool(supply[i]), bool(vi[i]),
                                                  bool(unique[i]))
                if with_id[i]:
                    row["ID"] = "S{:07d}".format(number)
                if not firms["outside"][f]:
                    row["park"] = "KCN P{}-{}".format(int(firms["province"][f]),
                                                      int(firms["park"][f]))
                row["sector"] = firms["sector"][f]
                if located[i]:
                    row["lat"] = "{:.5f}".format(firms["lat"][f])
                    row["lon"] = "{:.5f}".format(firms["lon"][f])
                if has_quantity[i]:
                    unit, per_year = UNITS[kind][int(rng.integers(len(UNITS[kind])))]
                    value = MEDIAN[kind] * float(amounts[i]) / per_year
                    row["quantity"] = "{:.3g}".format(value) if value < 1e5 else str(
                        int(value))
                    row["unit"] = unit
                else:
                    tally["no_quantity"] += 1
                if with_months[i]:
                    row["months"] = MONTHS[number % len(MONTHS)]
                if kind in TEMPERATURE and rng.random() < 0.6:
                    low, high = TEMPERATURE[kind]
                    row["temperature_c"] = str(int(rng.integers(low, high)))
                b = int(bad[i])
                if b >= 0:
                    tally[BAD[b]] += 1
                    tally["bad"] += 1
                    if BAD[b] == "comma":
                        row["quantity"], row["unit"] = "1,5", UNITS[kind][0][0]
                    elif BAD[b] == "no_time":
                        row["quantity"], row["unit"] = "12", UNITS[kind][0][0].split("/")[0]
                    elif BAD[b] == "direction":
                        row["Direction"] = "trao đổi"
                    else:
                        row["lat"], row["lon"] = "10.5", ""
                if m < 0:
                    tally["unknown_material"] += 1
                out.writerow([row[c] for c in COLUMNS])
            written += n
    tally["rows"] = written
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("rows", type=int)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    print(write_streams(args.out, args.rows, seed=args.seed))


if __name__ == "__main__":
    main()
