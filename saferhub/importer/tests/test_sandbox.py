"""Decompression bombs are refused quickly and in little memory (issue 10, defect 5)."""

from __future__ import annotations

import time
import zlib

import pytest

from saferhub.importer import expansion
from saferhub.importer.parsing.reader import ReadError, read_lines
from saferhub.importer.sandbox import extract_in_sandbox

MB = 1024 * 1024


def deflate_zeros(size: int) -> bytes:
    """A zlib stream of ``size`` zero bytes, built fast: one compressed 8 MB block (a full flush makes each copy
    stand alone) repeated, then the end block and the Adler-32 checksum of the whole."""
    block_size = 8 * MB
    assert size % block_size == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(block_size)) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush(zlib.Z_FINISH)
    checksum = 1
    zeros = bytes(block_size)
    for _ in range(size // block_size):
        checksum = zlib.adler32(zeros, checksum)
    return b"\x78\xda" + block * (size // block_size) + end + checksum.to_bytes(4, "big")


def pdf_with_content(stream: bytes, filters: str = "/FlateDecode") -> bytes:
    """A one-page PDF (Helvetica) whose page content is ``stream``, with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters.encode()) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    stream = deflate_zeros(560 * MB)
    assert zlib.decompressobj().decompress(stream, 10) == bytes(10)
    data = pdf_with_content(stream)
    assert len(data) < 1.1 * MB
    return data


def test_a_decompression_bomb_is_refused_in_under_3_seconds_and_300_mb(bomb):
    """A 0.6 MB PDF whose one stream expands to 560 MB: refused by the per-stream limit (it took 21 s and
    1.2 GB before the limits)."""
    usage: dict = {}
    started = time.monotonic()
    with pytest.raises(ReadError, match=r"bomb\.pdf: the PDF expands to more than 50 MB when opened"):
        extract_in_sandbox([("bomb.pdf", bomb)], {}, usage=usage)
    elapsed = time.monotonic() - started
    assert elapsed < 3, elapsed
    # What reading the bomb added to the child: the child's peak includes the pages it inherits from the parent,
    # which grow as a long test session runs (a fresh web worker's child peaks at about 185 MB in all).
    assert usage["peak_rss_bytes"] - usage["start_rss_bytes"] < 200 * MB, usage
    assert usage["start_rss_bytes"] > 0


def test_the_per_file_limit_counts_every_stream(monkeypatch):
    """Several streams, each under the per-stream limit, that together pass the per-file limit."""
    page = b"BT /F1 12 Tf 72 720 Td (Minutes of the meeting) Tj ET\n"
    stream = zlib.compress(page * 20000)  # about 1 MB each time it is decoded
    with pytest.raises(ReadError, match=r"expands to more than 1 MB when opened \(the whole file\)"):
        with expansion.expansion_budget("two.pdf", stream_limit=2 * MB, file_limit=1 * MB):
            from pdfminer import pdftypes

            pdftypes.PDFStream({"Filter": pdftypes.LITERALS_FLATE_DECODE[0]}, stream).get_data()


@pytest.mark.parametrize("filters, encode", [
    ("/FlateDecode", zlib.compress),
    ("/RunLengthDecode", lambda data: b"\x81\x00" * (len(data) // 128) + b"\x80"),
])
def test_each_expanding_filter_is_bounded(filters, encode):
    from pdfminer import pdftypes

    name = pdftypes.LIT(filters[1:])
    raw = encode(bytes(4 * MB))
    with pytest.raises(ReadError, match="expands to more than 1 MB when opened \\(one part of it\\)"):
        with expansion.expansion_budget("x.pdf", stream_limit=1 * MB, file_limit=10 * MB):
            pdftypes.PDFStream({"Filter": name}, raw).get_data()
    # Within the limits the bounded decoders give what pdfminer's own do.
    with expansion.expansion_budget("x.pdf", stream_limit=8 * MB, file_limit=10 * MB):
        assert pdftypes.PDFStream({"Filter": name}, raw).get_data() == bytes(4 * MB)


def test_an_lzw_stream_is_bounded():
    from pdfminer import pdftypes

    # LZW codes (9 bits): clear-table, then 0, then codes 258, 259, ... each repeating a longer run of zeros.
    codes = [256, 0] + list(range(258, 258 + 250))
    bits = "".join(format(code, "09b") for code in codes)
    bits += "0" * (-len(bits) % 8)
    raw = int(bits, 2).to_bytes((len(bits) + 7) // 8, "big")
    with expansion.expansion_budget("x.pdf", stream_limit=8 * MB, file_limit=10 * MB):
        decoded = pdftypes.PDFStream({"Filter": pdftypes.LIT("LZWDecode")}, raw).get_data()
    assert set(decoded) == {0} and len(decoded) > 20000
    with pytest.raises(ReadError, match="one part of it"):
        with expansion.expansion_budget("x.pdf", stream_limit=10000, file_limit=10 * MB):
            pdftypes.PDFStream({"Filter": pdftypes.LIT("LZWDecode")}, raw).get_data()


def test_a_stream_with_a_bad_checksum_still_reads_within_the_limits():
    """pdfminer keeps what inflates from a stream whose checksum is wrong; so does the bounded recovery."""
    from pdfminer import pdftypes

    text = b"BT (Apologies for absence) Tj ET\n" * 1000
    raw = zlib.compress(text)[:-4] + b"\x00\x00\x00\x00"
    with expansion.expansion_budget("x.pdf"):
        assert pdftypes.PDFStream({"Filter": pdftypes.LITERALS_FLATE_DECODE[0]}, raw).get_data() == text


def test_outside_a_budget_pdfminer_is_unchanged():
    from pdfminer import pdftypes

    expansion.install()
    raw = zlib.compress(bytes(3 * MB))
    assert pdftypes.PDFStream({"Filter": pdftypes.LITERALS_FLATE_DECODE[0]}, raw).get_data() == bytes(3 * MB)


def test_an_ordinary_pdf_reads_as_before():
    page = b"BT /F1 12 Tf 72 720 Td (Minutes of the Countywide Community Safety Partnership) Tj ET"
    lines, kind, pages = read_lines("minutes.pdf", pdf_with_content(zlib.compress(page)))
    assert kind == "pdf" and pages == 1
    assert any("Countywide Community Safety Partnership" in line.text for line in lines)
