"""The click command-line interface (thin: parse options, call one library function, format)."""
