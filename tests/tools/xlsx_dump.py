"""Dump an .xlsx as JSON with openpyxl, an independent reader: for each sheet its name, frozen
panes, autofilter range, column widths, printed header and footer and every cell's type, value,
number format, hyperlink, fill, font colour and boldness. Used by tests/e2e/xlsx_registers.rs."""
import datetime
import json
import sys

import openpyxl


def colour(c):
    if c is None or c.type != "rgb" or c.rgb in (None, "00000000"):
        return None
    return c.rgb[-6:].upper()


def main(path):
    wb = openpyxl.load_workbook(path)
    out = {"created": wb.properties.created.isoformat() if wb.properties.created else None,
           "title": wb.properties.title, "category": wb.properties.category, "sheets": []}
    for ws in wb.worksheets:
        widths = {k: round(v.width, 2) for k, v in ws.column_dimensions.items() if v.width}
        rows = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if isinstance(v, datetime.datetime):
                    v = v.date().isoformat()
                fill = c.fill.fgColor if c.fill is not None and c.fill.fill_type == "solid" else None
                cells.append({
                    "type": c.data_type,
                    "is_date": c.is_date,
                    "value": v,
                    "format": c.number_format,
                    "link": c.hyperlink.target if c.hyperlink is not None else None,
                    "fill": colour(fill) if fill is not None else None,
                    "font": colour(c.font.color) if c.font is not None and c.font.color is not None else None,
                    "bold": bool(c.font.b) if c.font is not None else False,
                })
            rows.append(cells)
        out["sheets"].append({
            "name": ws.title,
            "freeze": ws.freeze_panes,
            "filter": ws.auto_filter.ref,
            "widths": widths,
            "header": ws.oddHeader.left.text,
            "footer": ws.oddFooter.left.text,
            "rows": rows,
        })
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
