"""A visible watermark, drawn before the image is signed (so the manifest covers it). Free of Django."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont


def apply_watermark(png: bytes, *, text: str) -> bytes:
    """`png` with `text` in its lower right corner on a translucent band, encoded again as PNG."""
    with Image.open(io.BytesIO(png), formats=["PNG"]) as source:
        image = source.convert("RGBA")
    size = max(10, image.width // 28)
    font = ImageFont.load_default(size=size)
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    pad = max(3, size // 3)
    x = image.width - (right - left) - 2 * pad
    y = image.height - (bottom - top) - 2 * pad
    draw.rectangle((x, y, image.width, image.height), fill=(0, 0, 0, 110))
    draw.text((x + pad - left, y + pad - top), text, font=font, fill=(255, 255, 255, 220))
    out = io.BytesIO()
    Image.alpha_composite(image, overlay).convert("RGB").save(out, format="PNG")
    return out.getvalue()
