"""Files and screens: one module per format, serving the survey side (:mod:`.survey`:
coded units and summaries) and the report side (:mod:`.reports`: reviews and metadata,
:mod:`.pages`: page text, :mod:`.bib`: BibTeX and RIS); :mod:`.console` is what the commands
print. Every file is written through :mod:`fritekst.outfiles`."""
