"""The plan workbook (DESIGN.md), as an Excel file or a folder of CSV files.

- :mod:`loaders.workbook.fields`: the sheets, their columns and the model fields behind them;
- :mod:`loaders.workbook.read`: sheets of rows into a plan, every problem at its cell;
- :mod:`loaders.workbook.write`: a plan into sheets of rows;
- :mod:`loaders.workbook.xlsx` and :mod:`loaders.workbook.csvdir`: the two file formats.

Nothing is imported here, so naming the package costs nothing (openpyxl is imported only
when an Excel file is read or written).
"""
