"""What a file is, from its first bytes: the formats people hand an importer by mistake.

An importer reads text (CSV, JSON, Timewarrior's lines) or an ``.xlsx`` workbook (a zip). A file
of another kind fails deep inside a reader with a message about bytes; naming what the file is
(``an old-format Office file (.xls)``) lets the person see the mix-up and save the right one.
"""

from __future__ import annotations

XLSX = "xlsx"
ODS = "ods"
ZIP = "zip"
OLE = "ole"
UTF16 = "utf16"
TEXT = "text"  # plain text: what a reader of workbooks did not expect
OTHER = "other"  # none of the kinds known here

# The kinds known by a signature at the very start of the file, and how a message names them.
NAMES = {
    XLSX: "an Excel workbook (.xlsx)",
    ODS: "an OpenDocument spreadsheet (.ods)",
    ZIP: "a zip archive",
    OLE: "an old-format or password-protected Office file (such as an .xls workbook)",
    UTF16: 'UTF-16 text (Excel\'s "Unicode Text")',
    "pdf": "a PDF document",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "gzip": "a gzip archive",
    "sqlite": "an SQLite database",
    TEXT: "text (such as CSV)",
    OTHER: "a file of another kind",
}
_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
    (b"\xff\xfe", UTF16),
    (b"\xfe\xff", UTF16),
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\x1f\x8b", "gzip"),
    (b"SQLite format 3\x00", "sqlite"),
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # a zip's first entry, or an empty zip
_ODS_MIMETYPE = b"mimetype" + b"application/vnd.oasis.opendocument.spreadsheet"
_UTF16_SAMPLE = 64  # bytes looked at for UTF-16 written without a byte-order mark
HEAD_BYTES = 4096  # what ``kind_of`` wants to see of a file


def kind_of(head: bytes) -> str | None:
    """The kind of file (a key of ``NAMES``) whose first bytes are ``head``; None when they
    are none of these (text, or a format not known here)."""
    if head.startswith(_ZIP):
        if _ODS_MIMETYPE in head[:200]:
            return ODS
        return XLSX if b"xl/" in head or b"[Content_Types].xml" in head else ZIP
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    sample = head[:_UTF16_SAMPLE]
    even, odd = sample[0::2], sample[1::2]
    if len(sample) >= 4 and (_ascii_in(even, odd) or _ascii_in(odd, even)):
        return UTF16  # ASCII text as UTF-16 without a byte-order mark: every other byte is 0
    return None


def is_zip(kind: str | None) -> bool:
    return kind in (XLSX, ODS, ZIP)


def _ascii_in(chars: bytes, zeros: bytes) -> bool:
    """Whether ``chars`` hold the letters and ``zeros`` the zero bytes of UTF-16 text."""
    return zeros.count(0) * 10 >= len(zeros) * 9 and chars.count(0) * 10 <= len(chars)
