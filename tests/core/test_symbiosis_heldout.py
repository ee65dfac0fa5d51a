"""Issue 12 §5: the held-out parts 4 to 12 (documented_exchanges_part4.csv …), each
written by a session that never saw the engine or its data — "data you did not write".

Each is matched on its own (its exchanges and distractors), with the shipped knowledge; none
is in the leave-one-park-out figures of test_symbiosis_recall_grown.py, which they would flatter
once anything is changed after reading their misses. Record of part 4 (6 Dec 2026, recall@5 /
recall@1 / MRR):

* as it arrived, before any change: 0.597 / 0.419 / 0.505 (37 of 62 receivers in the top 5);
  the LOPO figure of parts 1-3 was 0.893 then: what the engine had learned from our own set
  carried over only partly;
* then GENERAL changes of the word reader, written after reading its misses (code, not
  removable per park): a use or source after English "for"/"from" is also read before the
  stream's words, as English compounds put it ("additive for blended cement" = "cement
  additive"): 0.629; words of wanting and buying are not the stream ("Nhu cầu nhiệt …", "Cần
  nguyên liệu …", "Thu mua …", "need steam"): 0.645; a word guessed by its character trigrams
  keeps its first letter ("constant" is not "instant"): no change;
* then VOCABULARY written after reading its misses (its parks are scored with it, so the figure
  is optimistic): the steelworks' gases (blast-furnace, converter/BOF/LD gas, khí lò cao …) as
  fuel gases and "DH network", "district heat" as district heating: 0.677 / 0.484 / 0.578;
* then the SECOND READING (code, general): a description is also read as its runner-up
  class when that scores ≥ 0.7 of the winner and is not its group or subclass, and each
  stream keeps the k best of both readings: 0.726 / 0.500 / 0.610. The
  share was chosen with this part in view (0.5 gave 0.742 but reads 39 % of survey rows
  twice, 0.7 reads 15 %), so the figure is slightly optimistic;
* then NEGATION (code, general, prompted by its "non-condensable gases" read as condensate):
  "non-"/"không" makes one word with what it negates ("non-ferrous", "khí nén không dầu"),
  and a negated hazard is no word of the stream ("non-hazardous sludge" was hazardous
  sludge): 0.742 / 0.516 / 0.626 (LOPO of parts 1-3 unchanged);
* then RDF/SRF read as a fuel (prompted by part 5, below): 0.758 / 0.532 / 0.642 — the floor.

The misses still there (13) are listed by the test's output (pytest -s): demands that
describe a use no class names ("saltwater intake for flatfish tanks"), words read as another
thing ("virgin" as pulp in "polyolefin cheaper than virgin", "glassy" blending component as a
kiln fuel), and missing rules (treated effluent as a heat pump's source; wood boxes chipped
into animal bedding).

Part 5 (documented_exchanges_part5.csv: 60 exchanges, 50 parks, 22 countries, 25 rows in
Vietnamese) was written on 6 Dec 2026 by another session in the same way, when part 4 had
been read too often to stay honest. Record:

* as it arrived, before any change (the engine of part 4's last line): 0.700 / 0.517 / 0.608
  (42 of 60) — the figure to quote for words the engine had not seen;
* then changes written after reading its misses (so the figures below are optimistic for
  it): RDF/SRF read as a fuel, not the co-processing service (taxonomy), 0.717 / 0.533 /
  0.625 (part 4 0.758, LOPO unchanged at 0.900); "all kinds of" / "các loại" read as the
  group ("Nhận các loại nhớt thải" takes hydraulic oil too): 0.733 / 0.550 / 0.642; what is
  done with the stream today ("currently sent to …", "hiện đổ bỏ …") weighs as a tail:
  0.750 / 0.567 / 0.658 (part 4 and LOPO unchanged); English "to" before a verb ("waste to
  feed incinerators", "water to cut our draw of drinking water") starts the use, as "để"
  does: 0.767 / 0.583 / 0.675 (part 4 0.774 / 0.532 / 0.650; LOPO recall@5 0.900, MRR
  0.720 → 0.717); "combustible waste" names a waste-derived fuel and spent solvents are
  blended into a secondary liquid fuel (rule SR-385, GTZ-Holcim 2006): 0.800 / 0.617 / 0.708
  (LOPO 0.900 / 0.567 / 0.713); ~600 synonyms of a second glossary, written by a session that
  saw only the taxonomy (but prompted with a few words read in these misses; docs/
  symbiosis-data.md): 0.850 / 0.667 / 0.758 (part 4 0.790 / 0.548 / 0.667; LOPO 0.900 /
  0.560 / 0.710); words read in its misses ("recycled timber" is wood waste, "dịch chứa
  lactose" whey): 0.883 / 0.700 / 0.792; the second reading at 0.6 of the winner instead of
  0.7 (classify.SECOND_READING_SHARE; 30 % of survey rows read twice instead of 17.5 %):
  0.900 / 0.717 / 0.808 (part 4 0.806 / 0.532 / 0.667; LOPO 0.907 / 0.567 / 0.716) — the
  floors below; part 5 is now as tuned as part 4; 17 classes and 43 rules for streams no
  class fitted (by-product salts, polyamide, recycled pellets, blasting abrasive from copper
  slag, raw water as cooling make-up …; the classes listed by the glossary's author, who saw
  only the taxonomy, two of them read in these misses): 0.917 / 0.733 / 0.825 (part 4
  unchanged; LOPO 0.913 / 0.567 / 0.717).

Part 6 (documented_exchanges_part6.csv: 60 exchanges, 58 parks, 28 countries, 25 rows in
Vietnamese, 8 without diacritics; 62 other streams, two thirds of them competitors) was
written later the same night by a third session in the same way, asked for less famous cases,
vaguer needs and needs written by their use. It is the honest figure of all the work above:

* as it arrived, after everything above: 0.600 / 0.533 / 0.567 (36 of 60) — lower than parts 4
  (0.597) and 5 (0.700) as they arrived, so the gains above on those parts were mostly theirs;
  its misses are words no class owns (wool, float glass, magnesia grain, HCl, cracker feed,
  bittern), "feed" read as animal feed where it means feedstock, and needs written as a
  problem ("our wastewater's pH is 1.5, we buy caustic to raise it");
* then, read in its misses, the words before a verb of needing weigh as a tail ("Our
  fluidised-bed boiler needs a solid fuel" is no boiler ash): 0.617 / 0.550 / 0.583 (parts
  4, 5 and LOPO unchanged); spent acids as a group with spent sulphuric acid in it (its
  rules: reuse or regeneration as sulphuric acid, neutralising alkaline wastewater): 0.667 /
  0.583 / 0.625 (LOPO 0.920 / 0.567 / 0.720); ~530 names and uses of a third glossary,
  written by a session that saw only the taxonomy but was asked, by a prompt written after
  reading these misses, for chemical, metallurgical, glass, textile and use vocabulary with
  some of these very words as examples (so this line is tuned): 0.767 / 0.650 / 0.708 (part
  4 0.806 → 0.790, part 5 0.917, LOPO 0.927 / 0.547 / 0.712); "off-cuts" / "off cuts" read
  as "offcuts" (code), "regenerated wool", "shoddy" as textile scraps: 0.800 / 0.683 / 0.742
  (the others unchanged).

Part 7 (documented_exchanges_part7.csv: 60 exchanges, 51 parks, 24 countries, 25 rows in
Vietnamese, 7 without diacritics; 63 other streams, 43 of them competitors) was written on 7
Dec 2026 by a fourth session in the same way (less famous cases; needs by use, trade names,
formulas, typos):

* as it arrived, on main as it then was: 0.750 / 0.617 / 0.683 (45 of 60);
* then ~1,700 names and needs by use of a fourth glossary, written by a session that saw only
  the taxonomy and the rules, never a quality set (its prompt named no word of any of them):
  0.783 / 0.667 / 0.725 (part 4 unchanged, part 5 0.917 → 0.950, part 6 0.800 → 0.767);
* then, on reading which documented pairs the glossary had lost in parts 4–7 (so tuned):
  price words left out of a text ("Cheap N and S for blended fertilisers" had become animal
  feed through "cheap roughage for cattle"), the glossary's needs by use whose head is only
  a generic word left out ("nước cho dây chuyền sản xuất" made steam for a production line
  process water) and five of its phrases ("gate fee for organic waste", "waste pellets for
  co-firing" …), bagasse composted into organic fertiliser (SR-446): 0.800 / 0.683 / 0.742;
  part 4 0.806 / 0.532 / 0.667, part 5 0.950 / 0.783 / 0.867, part 6 0.800 / 0.683 / 0.742;
* then, read in its misses, an English participle with its agent after the stream's words
  starts a tail ("Steam raised by burning substitute fuels" is steam, "Hydrogen co-produced
  with caustic soda" hydrogen): 0.833 / 0.717 / 0.775 (the other parts unchanged, LOPO MRR
  0.713 → 0.714);
* then three reuses no rule named, read in its misses: press-shop skeletons as blanks
  (SR-447), spent mineral blasting abrasive as fine aggregate (SR-448), brine recovered by
  nanofiltration as dye-bath salt (SR-449): 0.883 / 0.767 / 0.825 (the others unchanged) —
  the floors below. Its remaining misses: words no class owns (urea, carbon-black feedstock
  oil, pot ale as a protein source, cotton waste as mushroom substrate), needs read as a
  class of the use (regrind for pelletising read as polyamide resin) and a starch-rich wash
  water read as process water.

Part 8 (documented_exchanges_part8.csv: 60 exchanges, 58 parks, 25 countries, 26 rows in
Vietnamese, 9 without diacritics; 60 other streams, 40 of them competitors) was written on 7
Dec 2026 by a fifth session in the same way (resources chosen to avoid the classic ash,
gypsum and steam; needs by use or property). Nothing below was chosen by reading its misses:

* as it arrived, on main as it then was: 0.733 / 0.700 / 0.717 (44 of 60);
* then a text written with Vietnamese marks read against the phrases as written (tones
  placed anywhere are one), so words that fold alike (vải cloth / vãi spilt, cát sand / cắt
  cut, đá stone / da leather, dầu oil / đầu head) stay apart: unchanged (part 5 0.950 →
  0.967 and part 7 0.883 → 0.867, the others unchanged: a rival's reading moved);
* then 35 classes for common commodities no class covered (urea, ammonia, mineral
  fertilisers, chlorine, salt, clinker, coal tar, CNSL, coconut water, mine tailings,
  pyrolysis oil, beverage cartons …) and 70 rules, from a gap list written by a session that
  saw only the taxonomy and the rules (its prompt, written after reading parts 4–7's misses,
  named urea and the coconut industry as examples): 0.783 / 0.750 / 0.767 (47 of 60); part 4
  0.823 / 0.548 / 0.683, part 6 0.800 → 0.767 (bittern's second reading is now salt, not RO
  brine; fluorosilicic acid's receiver now reads fluorspar) and, read in that miss, SR-520
  (fluorosilicic acid as the fluorine source of HF instead of fluorspar): 0.783 / 0.683 /
  0.733; LOPO 0.920 / 0.573 / 0.722.

Then, read in part 8's misses (so part 8 is no longer unseen): an English text is read against
the English phrases first, so its "than", "day", "tons" are not the Vietnamese "than" (coal),
"dây" (wire), "tôn" (steel sheet) typed without marks: 0.800 / 0.767 / 0.783 (the others
unchanged); refuse-derived and tyre-derived fuel co-fired with coal (SR-521, SR-522): 0.817 /
0.783 / 0.800.

Part 9 (documented_exchanges_part9.csv: 60 exchanges, 49 parks, 17 countries, 26 rows in
Vietnamese, 9 without diacritics; 60 other streams, 40 of them competitors) was written on 7
Dec 2026 by a sixth session in the same way (at most 12 of its 60 about ash, gypsum, steam or
heat; needs by use or property):

* as it arrived, on main at the start of that day (1671d67): 0.683 / 0.550 / 0.617 (41 of
  60); on main as it then was (the English reading and SR-521/522 above, chosen without
  it): 0.717 / 0.583 / 0.650 (43 of 60);
* then, read in its misses: what a container held ("phuy nhựa đựng hóa chất", "drums that
  contained solvents") is a tail, not the stream: 0.733 / 0.617 / 0.675;
* then, for every part: a description whose winner is weak (confidence below 0.4) is also
  read as its runner-up from 0.3 of the winner's confidence (0.6 otherwise), and a second
  reading's class fit is lowered × 0.8 (scoring.FURTHER_READING_FIT): part 9 0.783 / 0.667 /
  0.725; part 4 0.823 / 0.532 / 0.675, part 5 0.983 / 0.833 / 0.908, part 6 0.783 / 0.717 /
  0.750, part 7 0.900 / 0.767 / 0.833, part 8 0.850 / 0.833 / 0.842; LOPO 0.920 / 0.573 /
  0.725;
* then 24 classes of what buyers name by use (animal bedding, mushroom substrate, collagen
  and chitin feedstock, compost bulking agent, non-potable water for concrete, biomass for
  co-firing …) and 147 rules (SR-530–676) from a list written by a session that saw only the
  taxonomy and the rules — its prompt, written after reading part 9's misses, named several
  of those uses, so part 9's gain is tuned: part 9 0.867 / 0.717 / 0.792; part 8 0.883 /
  0.850 / 0.867, part 4 0.823 / 0.516 / 0.667, part 6 0.767 / 0.700 / 0.733 (an EAF-dust
  buyer's "nguyên liệu chứa Zn" now reads as chitin feedstock's "nguyên liệu"), part 7 0.900
  / 0.750 / 0.825, part 5 unchanged; LOPO 0.920 / 0.567 / 0.722;
* then, read in misses of parts 6 and 9, spent bleaching earth as a cement kiln's alternative
  fuel (SR-677; only co-processing was named): part 9 0.883 / 0.733 / 0.808, part 6 0.783 /
  0.717 / 0.750;
* then, for every part, a very weak winner (confidence below 0.3) is also read as its next
  runner-up (a third reading, classify.FURTHER_READINGS_BELOW), and a runner-up of the winner's
  lineage is passed over instead of ending the readings: part 9 0.917 / 0.767 / 0.842; part 4
  0.839 / 0.516 / 0.675, part 5 unchanged, part 6 0.833 / 0.767 / 0.800, part 7 0.933 /
  0.783 / 0.858, part 8 0.933 / 0.883 / 0.908 (328 of 362 over parts 4-9); LOPO 0.933 /
  0.560 / 0.722 — the floors below.

Part 10 (documented_exchanges_part10.csv: 60 exchanges, 60 parks, 16 countries, 28 rows in
Vietnamese, 9 without diacritics; 60 other streams, 40 of them competitors) was written on 7
Dec 2026 by a seventh session in the same way, asked for the mix a park really has (classic
streams up to a third, about half the needs by use, half naming the material). Nothing was
chosen by reading its misses; they are not read:

* as it arrived, on main at the start of that day (1671d67): 0.800 / 0.667 / 0.733 (48 of
  60); on main as it then was (everything above): 0.933 / 0.800 / 0.867 (56 of 60) — the
  floors below.

Part 11 (documented_exchanges_part11.csv: 60 exchanges, 58 parks, 17 countries, 28 rows in
Vietnamese, 9 without diacritics; 60 other streams, 40 of them competitors) was written the
same day by an eighth session, asked like part 9 for needs mostly by use or property and at
most 12 of 60 about ash, slag, gypsum, steam or heat. Its misses are not read:

* as it arrived, on main at the start of that day (1671d67): 0.683 / 0.550 / 0.617 (41 of
  60); on main as it then was (as for part 10): 0.817 / 0.650 / 0.731 (49 of 60);
* then a fourth reading of a winner below 0.2 (classify.FURTHER_READINGS_BELOW), chosen on
  parts 4-9 (328 → 333 of 362: part 4 0.855 / 0.516 / 0.683, part 6 0.850 / 0.783 / 0.817,
  part 7 0.950 / 0.783 / 0.867, part 9 0.950 / 0.800 / 0.875) and LOPO (0.933 / 0.560 /
  0.722 → 0.933 / 0.567 / 0.726), but its effect on parts 10 and 11 was seen before it was
  kept: part 11 0.867 / 0.667 / 0.760, part 10 unchanged — the floors below.

Part 12 (documented_exchanges_part12.csv: 60 exchanges, 60 parks, 16 countries, 26 rows in
Vietnamese, 9 without diacritics; 52 of the 60 plausible rather than documented; 60 other
streams, 40 of them competitors) was written the same day by a ninth session, asked for two
thirds of the needs by use and at most 15 of 60 about ash, slag, gypsum, steam or heat.
Nothing was chosen on it; its misses are not read:

* as it arrived, on main at the start of that day (1671d67): 0.767 / 0.717 / 0.742 (46 of
  60); on main as it then was (everything above): 0.917 / 0.850 / 0.883 (55 of 60) — the
  floors below.

Part 13 (documented_exchanges_part13.csv: 60 exchanges, 56 parks, 23 countries, 27 rows in
Vietnamese, 8 without diacritics; 50 of the 60 plausible rather than documented; 60 other
streams, 40 of them competitors) was written on 7 Dec 2026 by a tenth session asked for a
wide variety (gases, acids, spent catalysts, animal by-products, unusual streams), quantities
in any unit or none, and needs sometimes named by use. Parts 10-12 had been asked for much
the same mix as the parts before them, and reached 163 of 180 after the day's work; this part
measures how far that carried:

* as it arrived, on main at the start of the day before (1671d67): 0.667 / 0.517 / 0.592 (40
  of 60); on main as it then was (acce4cf, everything above): 0.767 / 0.633 / 0.700 (46 of
  60) — well below parts 10-12, so their 0.906 overstated what a new writer meets;
* then, read in its 14 misses (all without a candidate for the receiver): words of the
  streams named (hydrogen chloride, PCBAs, NMP and photoresist stripper, feed supplement and
  silage, vegetable trimmings, waste oil collection, aeration, vacuum and deasphalting
  residue) and six rules (SR-678–683: HCl as a chlorine source, coal tar for waterproofing,
  feather and blood meal for fish meal, production scrap as regrind, post-industrial film to
  scrap buyers, refinery residue gasified); and, for every part, a runner-up within 0.8 of
  the winner read whatever the winner's confidence (classify.NEAR_TIE_SHARE: a cliff at 0.3
  had dropped CO2 from "non-condensable gas, mostly CO2 … hot water"): 0.967 / 0.800 / 0.883
  (58 of 60, tuned); part 6 0.867 / 0.800 / 0.833, part 8 0.950 / 0.900 / 0.925, part 11
  0.900 / 0.700 / 0.793, part 9 0.933 / 0.783 / 0.858 (one gained by the near tie, two lost:
  a demand's winner now scores 0.201, just above the 0.2 below which a fourth reading is
  made, so concrete mixing water is no longer read; and one first place); the others
  unchanged — 557 of 602 over parts 4-13; LOPO 0.933 / 0.573 / 0.728;
* then 97 rules (SR-700–796) of exchanges the literature names that no rule did, from a list
  written by a session that saw only the taxonomy and the rules (nothing of these parts):
  part 6 0.917 / 0.833 / 0.875, part 12 0.950 / 0.883 / 0.917 (its first change since it
  arrived that was not read in its misses), part 9 one first place fewer (0.933 / 0.767 /
  0.850), the others unchanged — 562 of 602; LOPO 0.933 / 0.560 / 0.719 — the floors below.
  A list of 3,257 more words for 256 classes, written the same way, was tried and not kept:
  12 exchanges gained and 15 lost over parts 4-13 (part 12, unread, 57 → 55) — words shift
  the weak readings both ways. Part 14, written blind while this was done, measures it all.

Part 14 (documented_exchanges_part14.csv: 60 exchanges, 59 parks, 21 countries, 27 rows in
Vietnamese, 8 without diacritics; 53 of the 60 plausible rather than documented; 60 other
streams, 40 of them competitors) was written on 7 Dec 2026 by an eleventh session given part
13's prompt, while part 13's misses were being read. Nothing was chosen on it; its misses are
not read:

* as it arrived, on main at the start of the day before (1671d67): 0.850 / 0.733 / 0.792 (51
  of 60); at b8b2218 (before anything read in part 13): 0.900 / 0.750 / 0.825 (54 of 60); on
  main with everything above: 0.933 / 0.767 / 0.850 (56 of 60) — the floors below. It came
  out easier than part 13 (0.767 on the same engine at b8b2218): one blind part of 60 moves
  by several exchanges with its writer;
* then, read in its 4 misses (so tuned from here): words of the needs (an organic additive
  that cuts a brick kiln's coal, an acid for polyferric sulphate, an alkaline cover for
  tailings) and SR-684–685 (paper and biological sludge in fired bricks): 0.983 / 0.817 /
  0.900; part 8 one more in the top 5 (0.967 / 0.900 / 0.933) — 622 of 662 over parts 4-14;
  LOPO 0.933 / 0.560 / 0.720. Part 15, written blind while this was done, measures it.

Part 15 (documented_exchanges_part15.csv: 60 exchanges, 56 parks, 20 countries, 26 rows in
Vietnamese, 8 without diacritics; 57 of the 60 plausible rather than documented; 60 other
streams, 40 of them competitors) was written on 7 Dec 2026 by a twelfth session with part
13's prompt, while part 14's misses were read. Nothing was chosen on it; its misses are not
read:

* as it arrived, on main at the start of the day before (1671d67): 0.783 / 0.667 / 0.725 (47
  of 60); at b8b2218 (before anything read in parts 13 and 14): 0.900 / 0.833 / 0.867 (54 of
  60); on main with everything above: the same 0.900 / 0.833 / 0.867 — the words and rules
  read in parts 13 and 14 and the 97 rules moved none of its exchanges;
* then, read in its 6 misses (so tuned from here; no blind part is left): words of the streams
  (EVA sole scrap and playground mats, soy sauce cake, protein by-products for feed, steel plate
  offcuts, PSA tail gas as CO2, quartz cut-offs) and SR-686 (oilseed cake for part of the fish
  meal): 1.000 / 0.917 / 0.958; part 6 0.933 / 0.833 / 0.883; part 10 one fewer (0.917 /
  0.783 / 0.850: H10-30's "ship plates" had been read as food waste on both sides, so the
  pair was found for a wrong reason, and the need now reads as steel scrap alone) — 682 of
  722 over parts 4-15. The floors below.

Part 16 (documented_exchanges_part16.csv: 60 exchanges, 58 parks, 33 countries, 25 rows in
Vietnamese, 8 without diacritics; 55 plausible rather than documented; 60 other streams, 40 of
them competitors) was written on 7 Dec 2026 by a thirteenth session with the same prompt
(asked also for niche sectors, demands written by their use or as a problem, and mixed units;
its country names were turned into ISO codes, nothing else changed). Measured as it arrived,
on main at 1993eaa (everything above): 0.900 / 0.850 / 0.875 (54 of 60). Then its six
misses were read (so tuned from here): "-free" / "free of" negate what they name ("must be
solvent-free" is no solvent), what a container held ("đã chứa", "từng chứa") weighs as a tail,
words of six classes (spent organic solvents, IBC totes, nicotine, exhausted flowers after
extraction, micronutrient fertilisers, compost windrows), two classes (polyethylene wax;
manganese oxide dust of ferroalloy furnaces) and SR-687 (that dust as a micronutrient for
fertiliser blends): 1.000 / 0.950 / 0.975; parts 4-17 793 -> 801 of 842, none lost (words
that cost H4-08 and H8-17 their pair — "composting platform", "nitrogen-rich …", Vietnamese
words of composting — were taken out again); LOPO unchanged (0.933 / 0.560 / 0.720).

Part 17 (documented_exchanges_part17.csv: 60 exchanges, 53 parks, 29 countries, 27 rows in
Vietnamese, 8 without diacritics; 56 plausible rather than documented) was written the same
day by a fourteenth session with part 16's prompt (countries asked as ISO codes), while the
search was made faster. Measured as it arrived, on the knowledge of 1993eaa: 0.950 / 0.883 /
0.917 (57 of 60); its misses are not read. Five blind parts as they arrived (13 to 17): 277 of
300 (0.923). After part 16's misses were read (above), part 17, still unread, measured them:
0.967 / 0.900 / 0.933 (58 of 60) — the floor.

Part 18 (documented_exchanges_part18.csv: 60 exchanges, 58 parks, 28 countries, 25 rows in
Vietnamese, 8 without diacritics; 58 plausible rather than documented; asked for what small and
medium firms of Vietnamese parks produce and need, the famous streams left out) was written by a
fifteenth session. Measured as it arrived on b0dbd1b: 0.883 / 0.833 / 0.858 (53 of 60), the
same as on the knowledge before part 16's misses were read. Six blind parts as they arrived (13
to 18): 320 of 360 (0.889); 321 with part 17 as it stands after part 16's reading. Then its
seven misses were read (tuned from here): two classes (spent cerium oxide polishing powder;
polymer emulsions and latex binders) and words of five (nickel hydroxide sludge, waste fuel
blending for kilns, a cheap alkali, nitrile glove rejects, prepreg offcuts): 1.000 / 0.950 /
0.975; parts 4-18 854 -> 863 of 902, none lost (parts 5 and 10 gain one each); LOPO
unchanged. Part 19, written blind meanwhile, measures it.

Part 19 (documented_exchanges_part19.csv: 60 exchanges, 44 parks, 32 countries, 25 rows in
Vietnamese, 8 without diacritics; all 60 plausible rather than documented; the famous streams
at most once each, many sectors) was written by a sixteenth session. Measured as it arrived,
with parts 16's and 18's misses read and the hazardous-sibling rule (code of 0fa8add + the
rule): 0.883 / 0.733 / 0.803 (53 of 60) — the floor; on the knowledge before those readings
(2870b29): 0.867 / 0.667 / 0.761 (52 of 60), so they carried over by one (two gained, one
lost). Seven blind parts as they arrived (13 to 19): 373 of 420 (0.888). Then its seven
misses were read (tuned from here): two classes (fruit stones and hard nut shells; heavyweight
aggregate for counterweights), words of five (bamboo offcuts, solid waste to co-fire, fish
skins for tanning, nitrogen sources for fermentation, PET regrind), SR-688–690, and one
general change — the cut of the further readings never falls inside a tie (a runner-up within
0.98 of the last reading taken is read too, classify.TIED_SHARE: two runners-up 0.0001 apart
had swapped when a word was added to an unrelated class, losing H11-24): 1.000 / 0.817 /
0.902; parts 4-19 916 -> 924 of 962, none lost; LOPO 0.933 / 0.567 / 0.723. Part 20, written
blind meanwhile, measures it.

Part 20 (documented_exchanges_part20.csv: 60 exchanges, 53 parks, 33 countries, 24 rows in
Vietnamese, 8 without diacritics; 58 plausible rather than documented; asked for what a careful
person would list — by-products, off-spec goods, containers, utilities at several grades,
gases, recovered chemicals, and shared equipment and spare capacity) was written by a
seventeenth session. Measured as it arrived (code of part 19's reading): 0.817 / 0.650 /
0.731 (49 of 60) — the floor; on the knowledge of 2870b29, 0.800 (48). Eight blind parts as
they arrived (13 to 20): 422 of 480 (0.879). Its eleven misses were then read (tuned from here):
four classes (bittern, moved out of RO reject; magnesium chloride; aluminium laminates and
blister packs; crude terephthalic acid), words of five (d-limonene as a solvent, fatty raw
material for soap, blade sections as structural members, expired packed food, digester feed)
and SR-691–696: 1.000 / 0.817 / 0.906; parts 4-20 973 -> 985 of 1022, none lost (words that
cost H6-29, H11-12 and H17-49 their pair — "out-of-date …", "… products", "blister strips" —
taken out again; the bittern kept as a brine by SR-696); LOPO unchanged.

Part 21 (documented_exchanges_part21.csv: 60 exchanges, 54 parks, 30 countries, 26 rows in
Vietnamese, 9 without diacritics; all 60 plausible rather than documented; as a Vietnamese
park's consultant would meet them) was written by an eighteenth session while part 20 was read.
Measured as it arrived (code of part 20's reading): 0.850 / 0.750 / 0.802 (51 of 60) — the
floor; on the knowledge of the morning (2870b29), 0.800 (48), so the day's readings carried
over by three. Nine blind parts as they arrived (13 to 21): 473 of 540 (0.876). Its nine
misses were then read (tuned from here), while part 22 was written blind: four classes
(hydrogen; hydrogen sulphide, which the new hydrogen class took from H8-17 until it had its
own; fusel oil; a timber kiln-drying service), words of six (dried blanks for finger jointing,
liming acid soils, low-pressure compressed air, dry solid fuel, liquid pig feed, a chromate
reducer for cement) and SR-697–699: 1.000 / 0.883 / 0.938; parts 4-21 1036 -> 1045 of 1082,
none lost; LOPO unchanged.

Part 22 (documented_exchanges_part22.csv: 60 exchanges, 60 parks, 32 countries, 26 rows in
Vietnamese, 8 without diacritics; all 60 plausible rather than documented; as an auditor of
resident firms would meet them) was written by a nineteenth session while part 21 was read.
Measured as it arrived (code of part 21's reading): 0.783 / 0.633 / 0.708 (47 of 60) — the
floor; on the morning's knowledge (2870b29) also 47: the day's readings found three of its
exchanges and lost three others. Ten blind parts as they arrived (13 to 22): 520 of 600
(0.867). Then nine of its thirteen misses were read (tuned from here): words that had cost it
two pairs taken out ("liquid organic residues" drew a digester's "liquid organic waste" to
spent solvents), two classes (empty SMT reels; covering powder for ladles and tundishes),
words of five (raising the pH of acidic wastewater, sake and rice-wine lees, pig feed, used
jumbo bags, EPDM offcuts) and SR-797–799: 0.933 / 0.733 / 0.833; parts 4-22 1092 -> 1103 of
1142, none lost (generic Vietnamese words that cost four pairs elsewhere — "bao mới", "nguồn
đạm rẻ" … — and "component reels", which took "electronic components" from e-waste, taken
out again); LOPO unchanged. Left: durian husks for biochar, pepper skins for oleoresin, a
nickel catalyst for a recycler that also takes sludges, and 10-bar steam for 150–180 °C
process heat.

Parts 23 and 24 (documented_exchanges_part23.csv, _part24.csv: 60 exchanges each, 60 and 59
parks, 33 countries each, 26 rows in Vietnamese, 8 without diacritics; all plausible rather
than documented) were written on 7 Dec 2026 by two more sessions at once: part 23 as hurried
people fill in survey forms (fragments, jargon, slips, mixed units, some without quantity),
part 24 as engineers write with specifications and name needs by their function (binder,
flux, carbon source, growing medium). Measured as they arrived (c62f574): part 23 0.850 /
0.767 / 0.808 (51 of 60), part 24 0.800 / 0.717 / 0.758 (48 of 60). Twelve blind parts as
they arrived (13 to 24): 619 of 720 (0.860). Part 23's misses were then read; part 24's were
NOT, so it measures what follows as a held-out part does. General changes only: "looking
for"/"need for" does not start a tail (the need follows it); a weak reading (below 0.4) is
also read as the two classes of the firm's sector it resembles most (classify.
SECTOR_READINGS: a dairy herd's "digestible fibre source", a battery recycler's "NCM-
containing feed"); an unknown English compound is read as the known word ending it
("kiwifruit" → fruit); and sector_streams.csv grown from 28 sectors to 92 by a session that
saw only the taxonomy (feed mills, fishmeal, e-waste and battery recycling, PAC …): part 23
0.917 / 0.833 / 0.875 (55), part 24 0.850 / 0.767 / 0.808 (51 of 60, its misses unread);
parts 4-22 1103 -> 1107 of 1142 (part 6 lost H6-10, whose "Looking for secondary MgO" now
reads its words at full weight and still finds no magnesia class). The two sessions, each
unaware of the other, invented the same two firms for the same exchange (H23-29 and H24-34:
palm-oil decanter cake for black-soldier-fly larvae at Sei Mangkei), worded differently: the
writers are separate sessions of one model, not separate people, and share more than their
prompt.

Parts 25 and 26 (60 exchanges each; 25: 60 parks, 23 countries, 35 rows at Vietnamese parks, 30
in Vietnamese, 10 without diacritics, as park boards and environmental officers enter them —
permit wording, services and spare capacity, utilities at a grade, packaging, vague needs, and
the English of foreign-invested factories; 26: 60 parks, 34 countries, 24 in Vietnamese, 8
without diacritics, materials named by composition, grade or standard and needs written as a
specification, the energy transition, nine cited cases) were written at once by two more
sessions after the changes above, and nobody read their misses. As they arrived (ab3923e):
part 25 0.933 / 0.883 / 0.903 (56 of 60), part 26 0.883 / 0.750 / 0.816 (53 of 60): 109 of
120 (0.908); on the knowledge of the morning (c62f574) 54 and 53 (0.892). Fourteen blind parts
as they arrived (13 to 26): 728 of 840 (0.867).

Then the misses of parts 24-26 were read (tuned from here): general changes — what "không lẫn",
"không chứa", "free of" exclude runs to the end of its clause (no pair either way); what is done
today ("hiện đốt …") weighs as a tail only to the end of its sentence (H24-07) — and SR-800–805
(bittern as a road dust suppressant, limestone fines neutralising acid wastewater, crushed brick
in green-roof substrates, spent pot lining as a furnace carbon, crude glycerol for molasses in
cattle feed, biochar as a fertiliser carrier): parts 4-26 1322 -> 1329 of 1382, none lost. A
batch of 27 classes and 62 rules written for the sector table's gap list by a session that saw
only the taxonomy and the rules found 4 pairs and cost 13 (its phrases took common words:
"plate scrap", "split leather", "pond sludge"); it was not kept, nor its 101 synonyms alone (one
found, four lost).

Parts 27 and 28 (60 exchanges each; 27: craft villages, small firms and agro-processing
clusters, 57 places in 23 countries, 30 rows in Vietnamese, 10 without diacritics, local units;
28: heavy industry by process unit, 52 parks in 34 countries, 24 in Vietnamese, 8 without
diacritics) were written at once by two more sessions meanwhile and measured as they arrived,
after all of the above and unread: part 27 0.867 / 0.700 / 0.781 (52 of 60), part 28 0.917 /
0.800 / 0.858 (55 of 60); on the morning's knowledge 52 and 54. The four parts written after
the day's first changes (25 to 28), as they arrived: 216 of 240 (0.900; 213 on the morning's
knowledge). Sixteen blind parts as they arrived (13 to 28): 835 of 960 (0.870).

Parts 29 and 30 (60 exchanges each; 29: the first survey of a park, short and vague entries,
local unit words, needs written as a purpose, 36 rows at Vietnamese parks, 32 in Vietnamese, 14
without diacritics; 30: supply chains of foreign-invested manufacturing and their recyclers,
28 at Vietnamese parks, 25 in Vietnamese, 9 without diacritics) were written at once by two
more sessions and measured as they arrived (4e3c096): part 29 0.767 / 0.667 / 0.714 (46 of
60), part 30 0.950 / 0.917 / 0.933 (57 of 60). Eighteen blind parts as they arrived (13 to
30): 938 of 1080 (0.869). Then their misses were read: words of used refractory ("saggers",
"bao nung"), liquid packaging board ("PE-coated paperboard", "paper cup trim", "giấy tráng
PE") and broken rice ("gạo gãy"), and SR-806 (eggshells in place of ground limestone): 49 and
58, parts 4-28 unchanged.

Part 31 (60 exchanges; utilities, energy carriers and the water side of parks as plant
engineers write them — steam by pressure, flash steam, condensate, waste heat, cooling and
reject water, treated effluent, biogas, CO2, hydrogen, surplus power — and 14 rows of fuels and
process inputs; 32 rows at Vietnamese parks, 29 in Vietnamese, 10 without diacritics) was
written on 7 Dec 2026 by one more session and measured as it arrived, on the knowledge of
ed689bf: 0.933 / 0.700 / 0.813 (56 of 60) — the floor; its misses are not read. Nineteen blind
parts as they arrived (13 to 31): 994 of 1140 (0.872).

Part 32 (60 exchanges at 43 parks in 16 countries; the case literature as an outside analyst
writes it from reports, papers, news and sustainability reports — third person, summarising,
22 rows citing a documented case, 38 plausible in the same style; 25 rows at Vietnamese parks,
25 in Vietnamese, 6 without diacritics) was written the same evening by one more session and
measured as it arrived, on the knowledge of 6ef38c7: 0.983 / 0.867 / 0.919 (59 of 60) — the
floor; its miss is not read. Twenty blind parts as they arrived (13 to 32): 1053 of 1200
(0.878).

Part 33 (60 exchanges at 59 parks; what a park's management board and a cleaner-production
consultant write when they survey resident firms for an eco-industrial-park programme: survey
notes, RECP findings, Vietnamese administrative style; 45 rows at Vietnamese parks, 40 in
Vietnamese, 10 without diacritics) was written the same evening by one more session and
measured as it arrived, on the knowledge of 053b456: 0.900 / 0.700 / 0.797 (54 of 60) — the
floor; its misses are not read. Twenty-one blind parts as they arrived (13 to 33): 1107 of
1260 (0.879).

Parts 34 and 35 (60 exchanges each; 34: the public case literature of Kalundborg, Kwinana,
Gladstone, Guitang, TEDA, Ulsan, Kawasaki, Kitakyushu, Map Ta Phut, Styria and the Vietnamese
EIP pilots, 24 parks in 13 countries, 25 rows in Vietnamese, as a consultant re-types them; 35:
a first survey of 48 parks, 40 rows at Vietnamese parks and clusters, short and vague answers,
34 rows in Vietnamese) were written on 8 Dec 2026 by two more sessions at once, neither seeing
the other, and measured as they arrived (the knowledge of 2832eb4; the code changes since
change no class): part 34 0.900 / 0.750 / 0.825 (54 of 60), part 35 0.883 / 0.767 / 0.825 (53
of 60). Twenty-three blind parts as they arrived (13 to 35): 1214 of 1380 (0.880). Their
misses were then read (tuned from here): three classes (methanol; plasterboard scrap; tungsten
carbide scrap and grinding sludge), words of five (paper and kraft sacks, açaí seeds, plating
rinse water and nickel solutions, nitrogen and sulphur sources for fertiliser blends) and
SR-807–814 (RO reject as process water where clean water is not needed, methanol as a liquid
fuel and a carbon source for denitrification, warm cooling water for fish ponds, okara in fish
feed, paper sludge in fibre cement, composite blades in the kiln, plasterboard back to gypsum):
part 34 0.983 / 0.867 / 0.925, part 35 1.000 / 0.883 / 0.941; parts 4-33 1712 -> 1716 of 1802
in the top 5 (H9-49, H11-42, H22-30, H26-53 and H28-35 found; H24-38's rare-earth grinding
sludge lost: it had been found through a reading of "sludges" that met an "oily" demand, and
"grinding sludge" now reads as the carbide class first; H21-16 1st -> 2nd behind demands for
process water that RO reject now meets). The floors below.

Part 37 (60 exchanges at 52 parks in 21 countries, 25 rows in Vietnamese, 8 without
diacritics) was written on 8 Dec 2026 by one more session asked for the hardest wording: each
supply told through the process step and equipment that makes it ("what drops off the end of
the grate into the quench bath", "crystals that grow in the centrate pipework", "Bùn lắng ở bể
tuần hoàn nước mài của máy mài cạnh"), each need through the purpose it serves ("something to
kill the oxygen in our customers' steel ladles", "Cần phụ gia trợ chảy rẻ cho xương gạch").
Measured as it arrived, after parts 34 and 35 were read: 0.717 / 0.600 / 0.658 (43 of 60) — the
floor; its misses are not read (one general change tried on them, a guessed word at most a
third longer than the word written, found one and cost LOPO and part 22 a first place each,
and was not kept). Twenty-four blind parts as they arrived (13 to 35 and 37): 1257 of 1440
(0.873).

Part 36 (60 exchanges at 30 parks in 15 countries, 32 rows at Vietnamese parks and in
Vietnamese, 8 without diacritics) was written at the same time by one more session, neither
seeing the other, asked for exchanges as Vietnamese and international news and programme
reports tell them (the UNIDO–SECO–MPI programme's parks, press and sustainability reports
abroad) and re-typed by a park officer — the genre of the independent set. Measured as it
arrived (the knowledge after parts 34 and 35 were read): 0.950 / 0.767 / 0.855 (57 of 60) — the
floor; not read. Its misses: a compost maker's "nguyên liệu giàu nitơ" read as nitrogen gas,
warm condenser seawater for larval tanks (the need read as process water), and LAB heavy
alkylate bottoms as an aromatic base stock. Twenty-five blind parts as they arrived (13 to 37):
1314 of 1500 (0.876). Then its first miss was read (tuned from here): a nitrogen-rich material
for composting ("nguyên liệu giàu nitơ", "nitrogen source for composting") is a compost
feedstock, words of the composting class: part 36 58 of 60; parts 4-37 1935 -> 1937 in the top
5 and 1662 -> 1665 first places (H10-21, H29-26, H33-25 and H36-08 found; H28-04's chloride
bypass dust for an NPK plant and H30-44's returnable canisters lost, where composting now takes
a weak reading's place); LOPO unchanged. The floors below.

Part 38 (60 exchanges at the four parks the issue names — Kalundborg 9, Kwinana 8, Guitang 6,
Ulsan 7 — and 30 at 11 Vietnamese parks; 29 rows in Vietnamese, 8 without diacritics; each
row as a different writer would fill in the form) was written on 8 Dec 2026 by one more session
after all of the above, and measured as it arrived: 0.883 / 0.517 / 0.675 (53 of 60) — the
floor; not read. Its parks are dense, so its receivers compete with many near partners: 31
first places. Twenty-six blind parts as they arrived (13 to 38): 1367 of 1560 (0.876); the four
of the independent set's genre (32, 34, 36, 38): 223 of 240 (0.929).

Then the misses of parts 37 and 38 were read (tuned from here), and what is general in them
written down: words (peanut and groundnut shells, "vỏ lạc", cocoa shells; sanding dust, "bụi
chà nhám", veneer peeler cores; corrugator trim, "rìa cạnh giấy"; dryer lint; cable
insulation strippings; spent-acid regeneration; "aromatic diacid" for terephthalic acid) and
two rules (SR-815 paint sludge blended into SRF, SR-816 rice husk ash as a silicon and potash
source in fertiliser blends). "Bụi giấy" (paper dust) and "bụi bông" were tried and left out:
they made "bụi" (dust) a word of paper and textiles, and tea dust was lost. Parts 4-38: 1990 ->
1997 of 2102 in the top 5, 1696 -> 1702 first places (H37-15, -33, -40, -45, H38-30, -39, -58
found; H37-14 1 -> 2, H4-53 2 -> 1); part 37 43 -> 47 of 60, part 38 53 -> 56; LOPO
unchanged (0.940 / 0.567 / 0.727).

Part 39 (60 exchanges at 35 parks in 17 countries, 33 rows at 17 Vietnamese parks; 30 rows in
Vietnamese, 10 without diacritics; 11 with no quantity on one side) was written on 8 Dec 2026
by one more session, asked for a genre no part had: short listings as firms type them on
by-product marketplaces, a park's Zalo group or a classified-ads page (telegraphic, trade
jargon, loose units, counts of drums and pallets), the seller's and the buyer's written apart.
Measured as it arrived, with the words above: 0.917 / 0.850 / 0.881 (55 of 60) — the floor;
not read. Twenty-seven blind parts as they arrived (13 to 39): 1422 of 1620 (0.878).

Then its five misses were read (tuned from here): two classes (silicon scrap — broken wafers,
polysilicon, ingot tops and tails; and chlorosilanes, since the silicon class took part 15's
silicon tetrachloride, which had met its fumed-silica plant only through a wrong reading),
words of PET feedstock for polyester staple fibre, and three rules (SR-817 waste paper and board
repulped in place of virgin pulp, EN 643; SR-818 surplus RO permeate as cooling-tower
make-up; SR-819 sorted plastic waste regranulated into recycled pellets). "Board trim" was
tried and left out: off-spec circuit boards lost their reading as electronic components. Part
39 55 -> 60 of 60; parts 4-38 1997 -> 1999 in the top 5 and 1702 -> 1703 first places (H10-40
and H27-05 found; H26-55, a silicon kerf cake for FeSi briquettes, now silicon scrap on both
sides, 1 -> 2 behind a distractor of the same class; H37-14 2 -> 3); LOPO unchanged.

Part 40 (60 exchanges at 46 parks in 18 countries, 30 rows at 18 Vietnamese parks, 28 in
Vietnamese) was written blind on 8 Dec 2026, after part 39's reading, in the genre of the
independent set: the public case literature re-typed into a matching tool, at documented sites
other than the four the issue names (the Japanese eco-towns, Suzhou, TEDA, Rizhao, the Korean
EIP parks, Map Ta Phut, Jurong, Rotterdam, Styria, NISP, Harjavalta, Devens, Barceloneta …)
and the parks of the UNIDO–SECO–MPI programme. Measured as it arrived: 0.967 / 0.867 / 0.914
(58 of 60) — the floor; not read. Twenty-eight blind parts as they arrived (13 to 40): 1480 of
1680 (0.881); the five of the independent set's genre (32, 34, 36, 38, 40): 281 of 300
(0.937).

Then its two misses were read: words of mineral fertiliser for what a granulation plant
rejects and a blender takes ("fertiliser fines", "phân bón lệch cỡ", "hạt NPK lệch cỡ", "phân
bón không đạt chuẩn", water-soluble and fertigation fertiliser, "phân trộn BB") and of PP
battery-case chips (crushed battery cases, "vỏ bình ắc quy nghiền"). Tried and left out:
"battery case chips" (made "chips" a word of rigid plastics: pallet offcuts lost a reading),
"foliar fertiliser" / "phân bón lá" (foliar feeds are organic as often as mineral: a fish press
liquor lost its amino-acid receiver) and "off-size NPK granules" (part 35's hide salt lost the
sector reading that found its tannery). Part 40 58 -> 60; parts 4-39 unchanged; LOPO
unchanged.

Part 41 (60 exchanges at 44 parks in 17 countries, 30 rows at 19 Vietnamese parks, 28 in
Vietnamese) was written blind at the same time as part 40, neither seeing the other, in the
words of the papers firms already file: Vietnamese hazardous-waste registers, environmental
permits and EIA tables of raw materials (the national list's waste names, kg/năm), and abroad
manifests, EWC/Basel codes, permit annexes and sustainability-report tables; receivers worded
as what a licensed facility may accept or a plant's own input table. Measured as it arrived
(with part 40's words): 0.917 / 0.900 / 0.908 (55 of 60) — the floor; not read. Twenty-nine
blind parts as they arrived (13 to 41): 1535 of 1740 (0.882).

Then its misses were read (tuned from here). Four of the five began with the register's
category before a colon ("Chất thải rắn công nghiệp thông thường: ống uPVC lỗi …"), read as
general waste, the material after it a weak runner-up: a label before a colon made only of
the words of registers' categories and tables' names ("chất thải rắn công nghiệp thông
thường", "sổ đăng ký chủ nguồn thải CTNH", "nguyên liệu", "được phép tiếp nhận", "annual
waste summary", "accepted feedstocks" …; `_words._LABEL_WORDS`) is no word of the stream, its
waste words still marking it (code, general). Weighing the label as a tail instead found the
same pairs but left general waste the winner; reading any text before a colon as a label
lost six pairs elsewhere, where a material comes before its details ("Off-spec water-based
paint: wrong tints …"). Part 41 55 -> 58 (H41-27, a plating sludge for a licensed metal
recoverer, lost: its receiver, "Được phép tiếp nhận: bùn và dung dịch thải chứa niken …", now
reads as spent etchant without the sludge); parts 4-40 unchanged; LOPO unchanged.

Part 42 (60 exchanges at 31 parks in 10 countries, 34 rows at 17 Vietnamese parks, 30 in
Vietnamese) was written blind afterwards, in the words of regions, trades and foreign
managers: the north's, centre's and south's words for the same things (lạc / đậu phộng, sắn /
khoai mì, mạt cưa / mùn cưa), scrap dealers' slang ("ve chai", "đồng nát", "hàng xá"), brand
names as common nouns, and the English of Korean, Japanese, Chinese, Thai and Indian managers
("waste oil of machine", "sludge cake of WWT", "paper box used"). Measured as it arrived:
0.967 / 0.850 / 0.908 (58 of 60) — the floor; not read. Thirty blind parts as they arrived
(13 to 42): 1593 of 1800 (0.885). Then its two misses were read: "jhut" (the Bangladeshi
garment trade's word for cutting waste) and fabric waste for garnetting, words of textile
scraps; "new production scrap", "prompt scrap" and scrap for an induction furnace, words of
steel scrap (a need for "low residual copper" had been read as copper). Part 42 58 -> 60;
parts 4-41 and LOPO unchanged.

Part 43 (60 exchanges at 34 parks in 18 countries, 30 rows at 14 Vietnamese parks, 27 in
Vietnamese) was written blind afterwards as the item lines firms export from their systems:
warehouse and ERP item names and sales-invoice lines of scraps and by-products on the
supplier's side ("PHẾ LIỆU NHÔM 6063 (THU HỒI) - ĐVT: KG", "SCRAP-CU-WIRE BARE BRIGHT", item
codes, PL / NVL / NG, units as the system prints them), purchase-order and bill-of-materials
lines on the receiver's. Measured as it arrived: 0.900 / 0.783 / 0.838 (54 of 60) — the floor;
not read. Thirty-one blind parts as they arrived (13 to 43): 1647 of 1860 (0.885).

Then its misses were read: words of aluminium die-casting scrap (ADC12 runners, die-cast and
pressure-cast returns), of bar ends and crop ends (steel scrap), of zinc oxide makers' feed
(zinc dross) and of cheese serum for concentration (whey), and "intake" as a label word
("Intake: fresh cheese serum …"). Tried and left out: "forging flash" / "forging scrap" (made
"forging" a word of steel scrap: part 29's forging scale lost its flux maker) and "al-si-cu
returns for remelt" (part 20's aluminium dross lost its reading as scrap). Part 43 54 -> 58;
parts 4-42 and LOPO unchanged.

Part 44 (60 exchanges at 32 parks in 14 countries, 30 rows at 17 Vietnamese parks, 27 in
Vietnamese) was written blind afterwards as spoken language written down: a park officer's
notes of a call or a site walk, and voice messages transcribed by a phone (little punctuation,
approximate figures, fillers, a transcription's homophones such as "trò bay" for tro bay, "bả
hem" for bã hèm). Measured as it arrived: 0.967 / 0.867 / 0.914 (58 of 60) — the floor; not
read. Thirty-two blind parts as they arrived (13 to 44): 1705 of 1920 (0.888). The floors
below.
"""

from __future__ import annotations

import pytest

from tests.core import symbiosis_quality as q

# per part: the floors (recall@5, recall@1, MRR) as last measured, above
MEASURED = {
    4: {"recall@5": 53 / 62, "recall@1": 35 / 62, "mrr": 0.706},
    5: {"recall@5": 60 / 60, "recall@1": 50 / 60, "mrr": 0.916},
    6: {"recall@5": 55 / 60, "recall@1": 48 / 60, "mrr": 0.858},
    7: {"recall@5": 59 / 60, "recall@1": 50 / 60, "mrr": 0.908},
    8: {"recall@5": 59 / 60, "recall@1": 53 / 60, "mrr": 0.933},
    9: {"recall@5": 58 / 60, "recall@1": 46 / 60, "mrr": 0.866},
    10: {"recall@5": 59 / 60, "recall@1": 51 / 60, "mrr": 0.916},
    11: {"recall@5": 58 / 60, "recall@1": 46 / 60, "mrr": 0.859},
    12: {"recall@5": 58 / 60, "recall@1": 53 / 60, "mrr": 0.925},
    13: {"recall@5": 58 / 60, "recall@1": 48 / 60, "mrr": 0.883},
    14: {"recall@5": 59 / 60, "recall@1": 49 / 60, "mrr": 0.900},
    15: {"recall@5": 60 / 60, "recall@1": 55 / 60, "mrr": 0.958},
    16: {"recall@5": 60 / 60, "recall@1": 57 / 60, "mrr": 0.975},
    17: {"recall@5": 59 / 60, "recall@1": 55 / 60, "mrr": 0.950},
    18: {"recall@5": 60 / 60, "recall@1": 56 / 60, "mrr": 0.966},
    19: {"recall@5": 60 / 60, "recall@1": 49 / 60, "mrr": 0.902},
    20: {"recall@5": 60 / 60, "recall@1": 50 / 60, "mrr": 0.913},
    21: {"recall@5": 60 / 60, "recall@1": 53 / 60, "mrr": 0.936},
    22: {"recall@5": 57 / 60, "recall@1": 46 / 60, "mrr": 0.858},
    23: {"recall@5": 55 / 60, "recall@1": 50 / 60, "mrr": 0.875},
    24: {"recall@5": 54 / 60, "recall@1": 49 / 60, "mrr": 0.858},
    25: {"recall@5": 57 / 60, "recall@1": 54 / 60, "mrr": 0.920},
    26: {"recall@5": 56 / 60, "recall@1": 47 / 60, "mrr": 0.858},
    27: {"recall@5": 53 / 60, "recall@1": 43 / 60, "mrr": 0.797},
    28: {"recall@5": 55 / 60, "recall@1": 49 / 60, "mrr": 0.866},
    29: {"recall@5": 50 / 60, "recall@1": 45 / 60, "mrr": 0.791},
    30: {"recall@5": 57 / 60, "recall@1": 55 / 60, "mrr": 0.933},
    31: {"recall@5": 56 / 60, "recall@1": 42 / 60, "mrr": 0.813},
    32: {"recall@5": 59 / 60, "recall@1": 52 / 60, "mrr": 0.919},
    33: {"recall@5": 55 / 60, "recall@1": 43 / 60, "mrr": 0.813},
    34: {"recall@5": 59 / 60, "recall@1": 52 / 60, "mrr": 0.925},
    35: {"recall@5": 60 / 60, "recall@1": 53 / 60, "mrr": 0.941},
    36: {"recall@5": 58 / 60, "recall@1": 47 / 60, "mrr": 0.872},
    37: {"recall@5": 47 / 60, "recall@1": 39 / 60, "mrr": 0.713},
    38: {"recall@5": 56 / 60, "recall@1": 33 / 60, "mrr": 0.716},
    39: {"recall@5": 60 / 60, "recall@1": 56 / 60, "mrr": 0.963},
    40: {"recall@5": 60 / 60, "recall@1": 54 / 60, "mrr": 0.947},
    41: {"recall@5": 58 / 60, "recall@1": 57 / 60, "mrr": 0.958},
    42: {"recall@5": 60 / 60, "recall@1": 53 / 60, "mrr": 0.941},
    43: {"recall@5": 58 / 60, "recall@1": 51 / 60, "mrr": 0.904},
    44: {"recall@5": 58 / 60, "recall@1": 52 / 60, "mrr": 0.913},
}
# parts written at the same time, neither seeing the other (their pairs may meet: H23-29 and
# H24-34 are one exchange, the same two invented firms, worded differently)
WRITTEN_WITH = {24: (23,), 26: (25,), 28: (27,), 30: (29,), 35: (34,), 37: (36,), 41: (40,)}
# parts asked for fewer countries than six (38: the four parks the issue names, and Viet Nam)
COUNTRIES = {38: 5}
PARTS = {"part {}".format(n): (*q.held_out(n), floor) for n, floor in MEASURED.items()}


@pytest.mark.parametrize("part", PARTS)
def test_the_held_out_part_is_independent_and_cited(part: str) -> None:
    rows, distractors, parks, _floor = PARTS[part]
    assert len(rows) >= 60 and len({row["case_id"] for row in rows}) == len(rows)
    assert all(row["citation"].strip() and row["verified"] == "no" for row in rows)
    assert not any(row["supply_class_expected"] or row["demand_class_expected"] for row in rows)
    assert sum(row["language"] == "vi" for row in rows) >= len(rows) // 3
    assert len({row["country"] for row in rows}) >= COUNTRIES.get(int(part.split()[1]), 6)
    assert {row["park"] for row in distractors} <= set(parks)
    # none repeats an exchange of the parts written before it
    number = int(part.split()[1])
    earlier = q.EXCHANGES + [row for n in range(4, number) if n not in WRITTEN_WITH.get(number, ())
                             for row in q.held_out(n)[0]]
    seen = {(row["park"], row["supplier"], row["receiver"]) for row in earlier}
    assert not seen & {(row["park"], row["supplier"], row["receiver"]) for row in rows}


@pytest.fixture(scope="module")
def shipped() -> q.Knowledge:
    """The shipped knowledge, built once for every part (its lexicons too)."""
    return q.knowledge()


@pytest.mark.parametrize("part", PARTS)
def test_recall_on_the_held_out_part_keeps_its_floor(part: str, shipped: q.Knowledge) -> None:
    rows, distractors, parks, floor = PARTS[part]
    ranks, _park_of = q.ranks(shipped, rows, distractors, parks)
    figures = q.metrics(list(ranks.values()))
    print("held out {}: {}; misses@5 {}".format(
        part, figures, sorted(s for s, r in ranks.items() if not 1 <= r <= 5)))
    assert figures["n"] == len(rows)
    for key, value in floor.items():
        assert figures[key] >= value - 1e-9, (key, figures)
