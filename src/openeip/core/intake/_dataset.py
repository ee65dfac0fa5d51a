from __future__ import annotations

from dataclasses import dataclass, field

from openeip.core.domain import Company, Park, Product, ResourceFlow


@dataclass(frozen=True, slots=True)
class AcceptedFuel:
    """A fuel code taken from a flow's description because the user accepted the suggestion."""

    description: str
    code: str
    word: str


@dataclass
class Dataset:
    """Validated content of one interchange file, in the file's order.

    ``*_rows`` hold, for each object, the row it came from (the number a person sees in the
    sheet, or the 1-based record number in JSON), so later checks can still point at it.
    """

    park: Park | None = None
    companies: list[Company] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    flows: list[ResourceFlow] = field(default_factory=list)
    company_rows: list[int] = field(default_factory=list)
    product_rows: list[int] = field(default_factory=list)
    flow_rows: list[int] = field(default_factory=list)
    #: one entry per flow row whose fuel code came from its description (accepted suggestions)
    accepted_fuels: list[AcceptedFuel] = field(default_factory=list)
    #: table key → (the sheet as the file names it, {column key → the column as the file shows
    #: it}), so that later checks name them in the file's own language
    places: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)

    def place(self, table: str, column: str) -> tuple[str, str]:
        """(sheet, column) of ``table``'s ``column`` as the file names them; the current
        language's sheet name and the column key for a table the file did not hold."""
        from openeip.core.i18n import current_language
        from openeip.core.intake._columns import sheet_name

        sheet, columns = self.places.get(table, (sheet_name(table, current_language()), {}))
        return sheet, columns.get(column, column)

    def row_count(self) -> int:
        return (1 if self.park else 0) + len(self.companies) + len(self.products) + len(self.flows)

    def company_codes(self) -> set[str]:
        return {company.code for company in self.companies}
