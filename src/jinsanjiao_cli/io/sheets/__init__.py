"""Reading the spreadsheets units send back: `reader` turns a file into a grid, `rows` into report rows."""
