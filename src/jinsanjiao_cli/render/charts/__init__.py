"""Charts of the plan (the cockpit, 驾驶舱), drawn from the JSON documents the commands print.

Three layers, so each can be checked on its own:

- `specs`: what a chart shows, as plain data (`ChartSpec`): its categories, its series and every drawn value
  (`Mark`) with the id it carries in the drawing and its hover text, and the same numbers as a table (the
  text alternative). Built only from the documents of `jsj status`, `reports --period all`, `problem list
  --all`, `assess` and `target` (the status document's `targets`), plus the monthly trend
  (`views.trend.trend_document`). Pure; imports nothing heavy.
- `draw`: a spec drawn with matplotlib, as SVG text for the HTML cockpit (text kept as text, each drawn
  value a group carrying its id, `data-` attributes and a `<title>`), or as PNG bytes for the bulletin.
- `cockpit`: the charts as one self-contained HTML page, or as a fragment with its stylesheet for a page
  of the portal.

Importing this package costs nothing; matplotlib is imported by `draw` alone, when a chart is drawn.
"""
