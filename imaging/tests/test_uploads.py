"""Hostile and ordinary uploads: refused before decoding with a clear message, or cleaned into a PNG."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image

from imaging.uploads import UploadRejected, check_image


def encoded(fmt: str, size: tuple[int, int] = (32, 24), mode: str = "RGB", **options: object) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "teal").save(out, format=fmt, **options)
    return out.getvalue()


@pytest.mark.parametrize("fmt, name", [("PNG", "a.png"), ("JPEG", "a.jpg"), ("WEBP", "a.webp"), ("JPEG", "")])
def test_it_accepts_png_jpeg_and_webp_and_returns_a_png(fmt: str, name: str) -> None:
    checked = check_image(encoded(fmt), filename=name)
    assert (checked.width, checked.height, checked.source_format) == (32, 24, fmt)
    assert Image.open(io.BytesIO(checked.png)).format == "PNG"


def test_it_drops_metadata() -> None:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    checked = check_image(encoded("JPEG", exif=exif.tobytes()))
    assert b"SecretCam" not in checked.png


def test_it_refuses_a_file_over_the_size_limit() -> None:
    with pytest.raises(UploadRejected, match="larger than 4 MB"):
        check_image(encoded("PNG") + b"\0" * (4 * 1024 * 1024))


def test_it_refuses_an_empty_file() -> None:
    with pytest.raises(UploadRejected, match="empty"):
        check_image(b"")


def test_it_refuses_a_decompression_bomb_from_its_header() -> None:
    # 30000 x 30000 one-bit pixels of zeros: a few kilobytes that would decode to 900 million pixels.
    width = height = 30000
    raw = zlib.compress(b"".join(b"\0" + b"\0" * (width // 8) for _ in range(height)), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    assert len(bomb) < 4 * 1024 * 1024
    with pytest.raises(UploadRejected, match="too large: at most 4096 pixels a side"):
        check_image(bomb, filename="bomb.png")


def test_it_refuses_an_image_wider_than_4096_pixels() -> None:
    with pytest.raises(UploadRejected, match="at most 4096 pixels"):
        check_image(encoded("PNG", size=(4097, 1), mode="1"))


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_it_refuses_a_truncated_file(fmt: str) -> None:
    data = encoded(fmt, size=(64, 64))
    with pytest.raises(UploadRejected, match="truncated"):
        check_image(data[: len(data) * 2 // 3])


def test_it_refuses_a_damaged_file_that_still_ends_properly() -> None:
    data = bytearray(encoded("PNG", size=(64, 64)))
    start = data.index(b"IDAT") + 4
    data[start:start + 20] = b"\xff" * 20  # garbage inside the compressed pixels, end marker intact
    with pytest.raises(UploadRejected, match="truncated or damaged|could not be read"):
        check_image(bytes(data))


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"<html><script>alert(1)</script></html>", "cat.png", "not a PNG, JPEG or WebP"),
        (encoded("GIF"), "cat.gif", "not a PNG, JPEG or WebP"),
        (encoded("PNG"), "cat.jpg", "named .jpg but holds a PNG"),
        (encoded("JPEG"), "cat.webp", "named .webp but holds a JPEG"),
        (b"%PDF-1.7\n" + b"x" * 100, "cat.jpeg", "not a PNG, JPEG or WebP"),
    ],
)
def test_it_refuses_files_that_are_not_what_they_claim(data: bytes, name: str, message: str) -> None:
    with pytest.raises(UploadRejected, match=message):
        check_image(data, filename=name)
