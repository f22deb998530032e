import math

from certificates.codes import ALPHABET, LENGTH, code_generate, code_normalise


def test_code_has_at_least_60_bits_of_entropy():
    assert LENGTH * math.log2(len(ALPHABET)) >= 60


def test_code_format_is_grouped_crockford_base32():
    code = code_generate()
    prefix, *groups = code.split("-")
    assert prefix == "SRIP"
    assert [len(g) for g in groups] == [4, 4, 4, 4]
    assert set("".join(groups)) <= set(ALPHABET)
    assert not set("ILOU") & set("".join(groups))


def test_codes_do_not_repeat():
    assert len({code_generate() for _ in range(2000)}) == 2000


def test_normalise_ignores_case_spaces_dashes_and_lookalikes():
    code = "SRIP-7K3M-Q9WD-X2HT-AB41"
    assert code_normalise(code) == code
    assert code_normalise("srip 7k3m q9wd x2ht ab41") == code
    assert code_normalise("7K3MQ9WDX2HTAB41") == code
    assert code_normalise(" 7k3m-q9wd-x2ht-ab4l ") == "SRIP-7K3M-Q9WD-X2HT-AB41"
    assert code_normalise("SRIP-7K3M-Q9WD-X2HT-ABO1") == "SRIP-7K3M-Q9WD-X2HT-AB01"


def test_normalise_rejects_malformed_codes():
    for bad in [
        "",
        "SRIP",
        "SRIP-7K3M-Q9WD-X2HT",
        "SRIP-7K3M-Q9WD-X2HT-AB4U",
        "x" * 200,
    ]:
        assert code_normalise(bad) is None
