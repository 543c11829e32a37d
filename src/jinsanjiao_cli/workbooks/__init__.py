"""Writing the workbooks jsj hands out: the export's sheets, the reporting template and the rejects file.
Documents in (views/), .xlsx out through openpyxl, which only this layer imports. Reading workbooks is
io/sheets' job."""
