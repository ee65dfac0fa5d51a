"""The interchange format: read, validate and write park data (xlsx, csv, json).

Public surface:

* :class:`Dataset` — what a file holds once validated (domain objects only);
* :func:`read_dataset` — bytes of a file → Dataset, or :class:`IntakeError` listing every problem
  with its sheet, row and column;
* :func:`write_template` and :func:`write_dataset` — the collection workbook and exports.
"""

from openeip.core.intake._dataset import Dataset

__all__ = ["Dataset"]
