"""Provenance: C2PA Content Credentials signed into every image Atelier makes, and read back from any image.

Layers: `keys` (certificates, Django-free), `c2pa_manifest` (signing and reading with c2pa-python, Django-free),
`watermark` (Django-free), `services` (settings, the imaging hook, the verify upload), `checks` (start-up
errors `atelier.E101`...), `views`/`urls` (the report endpoint and the public /verify page).
"""
