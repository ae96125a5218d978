"""Atelier's in-house text-to-image model: procedural scenes, a small latent diffusion model, a classical checker.

Nothing here imports torch at import time; ``pipeline`` and ``train`` do so when they are used.
"""
