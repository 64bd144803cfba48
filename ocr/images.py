"""Open uploaded images safely: Pillow's decompression-bomb guard stays on, and we check size first."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import CorruptDocument, ImageTooLarge, TooManyPages
from .options import OcrOptions

# Without a resolution in the file, a full-page scan is assumed to be A4 wide (8.27 in).
A4_WIDTH_INCHES = 8.27


def open_image_pages(data: bytes, options: OcrOptions) -> Iterator[tuple[Image.Image, int]]:
    """Each frame (TIFFs can hold many pages) as a grey image upright per its EXIF, with its dpi."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 1x and 2x its limit; anything over ours is refused outright.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            _check_size(image, options)
            frames = getattr(image, "n_frames", 1)
            if frames > options.max_pages:
                raise TooManyPages(frames, options.max_pages)
            for index in range(frames):
                image.seek(index)
                _check_size(image, options)
                frame = ImageOps.exif_transpose(image.convert("L"))
                yield frame, _dpi(image, frame.width)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(f"The image is too large to be processed safely: {exc}") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise CorruptDocument(f"The image cannot be decoded ({exc}).") from exc


def _check_size(image: Image.Image, options: OcrOptions) -> None:
    limit = min(options.max_image_pixels, Image.MAX_IMAGE_PIXELS or options.max_image_pixels)
    if image.width * image.height > limit:
        raise ImageTooLarge(
            f"The image is {image.width}x{image.height} pixels, more than the {limit} accepted "
            "(possible decompression bomb)."
        )


def _dpi(image: Image.Image, width_px: int) -> int:
    declared = image.info.get("dpi")
    if declared and 70 <= float(declared[0]) <= 1200:
        return round(float(declared[0]))
    return max(70, round(width_px / A4_WIDTH_INCHES))
