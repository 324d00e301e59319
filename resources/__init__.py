"""Data shipped with Lintra: rule packs, termbases, gazetteer, variant sets, icons, translations."""
