"""Platform presets: what one kind of post may hold (length, images, aspect, caption, hashtags),
and the checks of a post against its preset. Pure: no clock, no I/O.

The defaults were read from the platforms' and schedulers' published limits in December 2026;
docs/publishing.md lists each figure with its source. Platforms change them (YouTube Shorts
grew from 60 s to 3 minutes in 2024), so every figure can be set in the config's [presets].
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.core.durations import format_video_length
from tracker.core.errors import InputError, one_line

_ASPECT = re.compile(r"(\d{1,2}(?:\.\d{1,2})?):(\d{1,2}(?:\.\d{1,2})?)", re.ASCII)
_HASHTAG = re.compile(r"(?<![\w#])#\w+")


@dataclass(frozen=True)
class Preset:
    """One kind of post; a limit of None is no limit, an empty ``aspects`` any shape."""

    name: str
    platform: str
    max_seconds: int | None = None
    max_images: int | None = None
    max_caption: int | None = None
    max_hashtags: int | None = None
    aspects: tuple[str, ...] = ()


DEFAULT_PRESETS: tuple[Preset, ...] = (
    # 12 hours for a verified account (15 minutes until the account is verified).
    Preset("youtube", "youtube", max_seconds=12 * 3600, max_caption=5000),
    Preset("youtube-shorts", "youtube", 180, max_caption=5000, aspects=("9:16", "1:1")),
    # The app takes 60-minute uploads and 4,000-character captions; schedulers posting
    # through TikTok's API stop at 10 minutes and 2,200: the stricter figures pass both ways.
    Preset("tiktok", "tiktok", 600, max_images=35, max_caption=2200, aspects=("9:16",)),
    # Reels may run to 20 minutes, but only those up to 3 are shown to new audiences.
    Preset("instagram-reel", "instagram", 180, max_caption=2200, max_hashtags=5, aspects=("9:16",)),
    # A carousel of up to 20 images or clips; how long a clip may run is not checked.
    Preset("instagram-post", "instagram", max_images=20, max_caption=2200, max_hashtags=5),
    Preset("x", "x", 140, max_images=4, max_caption=280),
    Preset("linkedin", "linkedin", 600, max_caption=3000),
)


def parse_aspect(text: str) -> str:
    """``9:16``, ``1.91:1`` as typed, kept as written without spaces."""
    cleaned = "".join(text.split())
    match = _ASPECT.fullmatch(cleaned)
    if match is None or float(match[1]) == 0 or float(match[2]) == 0:
        raise InputError(
            f'Cannot read "{one_line(text)}" as an aspect ratio; give width:height, e.g. 9:16, '
            "16:9, 1:1 or 1.91:1."
        )
    return cleaned


def hashtags(caption: str) -> list[str]:
    return _HASHTAG.findall(caption)


def over_preset(
    preset: Preset,
    *,
    length_seconds: int | None,
    images: int | None,
    aspect: str | None,
    caption: str,
) -> list[str]:
    """What a post holds beyond its preset, one short sentence each (none when it fits)."""
    problems: list[str] = []
    if preset.max_seconds is not None and (length_seconds or 0) > preset.max_seconds:
        problems.append(
            f"{format_video_length(length_seconds or 0)} long; {preset.name} takes up to "
            f"{format_video_length(preset.max_seconds)}"
        )
    if preset.max_images is not None and (images or 0) > preset.max_images:
        problems.append(f"{images} images; {preset.name} takes up to {preset.max_images}")
    if preset.max_images is None and images:
        problems.append(f"{images} images; {preset.name} posts a video, not images")
    if preset.aspects and aspect and not any(_same(aspect, shape) for shape in preset.aspects):
        problems.append(f"{aspect} frame; {preset.name} takes {', '.join(preset.aspects)}")
    if preset.max_caption is not None and len(caption) > preset.max_caption:
        problems.append(
            f"caption of {len(caption)} characters; {preset.name} takes up to {preset.max_caption}"
        )
    tags = hashtags(caption)
    if preset.max_hashtags is not None and len(tags) > preset.max_hashtags:
        problems.append(f"{len(tags)} hashtags; {preset.name} takes up to {preset.max_hashtags}")
    return problems


def _same(one: str, other: str) -> bool:
    """Whether two ratios are one shape (``16:9`` and ``1.78:1``), to two decimals."""
    return abs(_ratio(one) - _ratio(other)) < 0.01


def _ratio(aspect: str) -> float:
    width, height = aspect.split(":")
    return float(width) / float(height)
