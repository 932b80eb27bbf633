"""Reading a sponsor's CDISC USDM v4 protocol (JSON) into a draft of the app's own protocol
file, with a [review] of every decision the file left open: model (the part of USDM read),
read (tolerant), context + schedule + pk (the mapping), draft (assembled), toml_out."""
